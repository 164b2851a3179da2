package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AgentState;
import io.cscmon.core.kpi.KpiSample;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AgentOperatorsTest {

  private static AgentEvent agent(String id, AgentState state, String... queues) {
    return new AgentEvent(BEGINNING + 1_000, "sh", id, state, queues);
  }

  @Test
  void agentStatesTurnChangesIntoMovesPerQueueAndForgetLoggedOutAgents() throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new AgentStates()), new Keys.Agent(), Types.STRING)) {
      harness.open();
      harness.processElement(agent("a1", AgentState.AVAILABLE, "retail", "vip"), BEGINNING);
      harness.processElement(agent("a1", AgentState.BUSY), BEGINNING);
      harness.processElement(agent("a1", AgentState.LOGGED_OUT), BEGINNING);

      assertThat(harness.extractOutputValues())
          .containsExactly(
              new AgentMove("sh", "retail", null, AgentState.AVAILABLE),
              new AgentMove("sh", "vip", null, AgentState.AVAILABLE),
              new AgentMove("sh", "retail", AgentState.AVAILABLE, AgentState.BUSY),
              new AgentMove("sh", "vip", AgentState.AVAILABLE, AgentState.BUSY),
              new AgentMove("sh", "retail", AgentState.BUSY, null),
              new AgentMove("sh", "vip", AgentState.BUSY, null));
      assertThat(harness.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void agentCountsReportEachMinuteAndLeaveNothingWhenTheQueueEmpties() throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new AgentCounts()), new Keys.MoveQueue(), Types.STRING)) {
      harness.open();
      harness.processElement(
          new AgentMove("sh", "retail", null, AgentState.AVAILABLE), BEGINNING + 1);
      harness.processElement(
          new AgentMove("sh", "retail", null, AgentState.AVAILABLE), BEGINNING + 2);
      harness.processElement(
          new AgentMove("sh", "retail", null, AgentState.NOT_READY), BEGINNING + 3);
      harness.processElement(
          new AgentMove("sh", "retail", AgentState.AVAILABLE, AgentState.BUSY), BEGINNING + 4);
      harness.processWatermark(BEGINNING + ONE_MINUTE);

      Map<String, Double> first =
          harness.extractOutputValues().stream()
              .collect(Collectors.toMap(KpiSample::kpi, KpiSample::value));
      assertThat(first)
          .containsEntry(AgentCounts.LOGGED_IN, 3.0)
          .containsEntry(AgentCounts.STAFFED, 2.0)
          .containsEntry(AgentCounts.AVAILABLE, 1.0)
          .containsEntry(AgentCounts.BUSY, 1.0)
          .containsEntry(AgentCounts.NOT_READY, 1.0);
      assertThat(first.get(AgentCounts.OCCUPANCY)).isCloseTo(0.5, within(1e-9));
      assertThat(harness.numEventTimeTimers()).isEqualTo(1);

      long later = BEGINNING + ONE_MINUTE + 5;
      harness.processElement(new AgentMove("sh", "retail", AgentState.AVAILABLE, null), later);
      harness.processElement(new AgentMove("sh", "retail", AgentState.BUSY, null), later);
      harness.processElement(new AgentMove("sh", "retail", AgentState.NOT_READY, null), later);
      harness.processWatermark(BEGINNING + 2 * ONE_MINUTE);
      assertThat(harness.numEventTimeTimers()).isZero();
      assertThat(harness.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void capacityForecastAppliesErlangCOnceBothInputsOfTheMinuteAreIn() throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new CapacityForecast(0.8, 20)),
            new Keys.SampleQueue(),
            Types.STRING)) {
      harness.open();
      long start = BEGINNING;
      long end = BEGINNING + ONE_MINUTE;
      // The textbook case: 100 calls in 30 minutes (50 in 15), 180 s handle time = 10 Erlangs.
      harness.processElement(
          new KpiSample(AgentCounts.STAFFED, "sh", "queue", "retail", start, end, 13, 13), end);
      harness.processElement(
          new KpiSample(CapacityForecast.OFFERED, "sh", "queue", "retail", start, end, 50, 50),
          end - 1);
      harness.processElement(
          new KpiSample(CapacityForecast.AHT, "sh", "queue", "retail", start, end, 180, 40),
          end - 1);
      assertThat(harness.extractOutputValues()).isEmpty();
      harness.processWatermark(end);

      Map<String, Double> forecast =
          harness.extractOutputValues().stream()
              .collect(Collectors.toMap(KpiSample::kpi, KpiSample::value));
      assertThat(forecast.get(CapacityForecast.PREDICTED_SERVICE_LEVEL))
          .isCloseTo(0.7956, within(1e-3));
      assertThat(forecast).containsEntry(CapacityForecast.REQUIRED_AGENTS, 14.0);
      assertThat(forecast).containsEntry(CapacityForecast.AGENT_SHORTFALL, 1.0);
      assertThat(harness.numEventTimeTimers()).isZero();
    }
  }
}
