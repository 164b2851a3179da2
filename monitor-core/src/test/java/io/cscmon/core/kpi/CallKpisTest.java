package io.cscmon.core.kpi;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE_LATER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallOutcome;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.IvrOutcome;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** KPI values checked against a hand count of a small minute of calls. */
class CallKpisTest {

  private static CallEvent call(
      String id,
      CallPhase phase,
      IvrOutcome ivr,
      String queue,
      Long wait,
      Long handle,
      CallOutcome outcome) {
    return new CallEvent(
        BEGINNING,
        "sh",
        id,
        phase,
        phase == CallPhase.ARRIVED ? "voice" : null,
        null,
        phase == CallPhase.ARRIVED ? "wealth" : null,
        ivr,
        queue,
        wait,
        null,
        handle,
        outcome);
  }

  /**
   * Four arrivals: two self-served, one hung up in the IVR, one to an agent; in queue retail three
   * calls were answered (5 s, 15 s, 40 s) and one abandoned; two calls ended (200 s resolved, 400 s
   * complaint).
   */
  private static final List<CallEvent> MINUTE =
      List.of(
          call("a", CallPhase.ARRIVED, null, null, null, null, null),
          call("b", CallPhase.ARRIVED, null, null, null, null, null),
          call("c", CallPhase.ARRIVED, null, null, null, null, null),
          call("d", CallPhase.ARRIVED, null, null, null, null, null),
          call("a", CallPhase.IVR_EXIT, IvrOutcome.SELF_SERVED, null, null, null, null),
          call("b", CallPhase.IVR_EXIT, IvrOutcome.SELF_SERVED, null, null, null, null),
          call("c", CallPhase.IVR_EXIT, IvrOutcome.HANGUP, null, null, null, null),
          call("d", CallPhase.IVR_EXIT, IvrOutcome.TO_AGENT, null, null, null, null),
          call("d", CallPhase.QUEUED, null, "retail", null, null, null),
          call("e", CallPhase.ANSWERED, null, "retail", 5_000L, null, null),
          call("f", CallPhase.ANSWERED, null, "retail", 15_000L, null, null),
          call("g", CallPhase.ANSWERED, null, "retail", 40_000L, null, null),
          call("h", CallPhase.ABANDONED, null, "retail", 70_000L, null, null),
          call("e", CallPhase.ENDED, null, "retail", null, 200_000L, CallOutcome.RESOLVED),
          call("f", CallPhase.ENDED, null, "retail", null, 400_000L, CallOutcome.COMPLAINT));

  private static Map<String, Double> kpis(String dimension, String scope) {
    CallCounts counts = new CallCounts();
    MINUTE.stream()
        .flatMap(c -> CallFact.of(c).stream())
        .filter(f -> f.dimension().equals(dimension) && f.scope().equals(scope))
        .forEach(f -> counts.add(f, 20_000));
    return CallKpis.samples(counts, "sh", dimension, scope, BEGINNING, ONE_MINUTE_LATER, "")
        .stream()
        .collect(Collectors.toMap(KpiSample::kpi, KpiSample::value));
  }

  @Test
  void queueKpisMatchAHandCount() {
    Map<String, Double> retail = kpis("queue", "retail");
    assertThat(retail.get(CallKpis.OFFERED)).isEqualTo(1.0);
    assertThat(retail.get(CallKpis.ANSWERED)).isEqualTo(3.0);
    assertThat(retail.get(CallKpis.ABANDONED)).isEqualTo(1.0);
    assertThat(retail.get(CallKpis.SERVICE_LEVEL)).isCloseTo(2.0 / 4, within(1e-9));
    assertThat(retail.get(CallKpis.ABANDONMENT)).isCloseTo(1.0 / 4, within(1e-9));
    assertThat(retail.get(CallKpis.ASA)).isCloseTo((5 + 15 + 40) / 3.0, within(1e-9));
    assertThat(retail.get(CallKpis.AHT)).isCloseTo(300.0, within(1e-9));
    assertThat(retail.get(CallKpis.COMPLAINT_SHARE)).isCloseTo(0.5, within(1e-9));
    assertThat(retail.get(CallKpis.TRANSFER_SHARE)).isEqualTo(0.0);
    assertThat(retail).doesNotContainKey(CallKpis.CONTAINMENT);
  }

  @Test
  void centerAndTopicKpisMatchAHandCount() {
    Map<String, Double> center = kpis(CallFact.CENTER, CallFact.ALL);
    assertThat(center.get(CallKpis.OFFERED)).isEqualTo(4.0);
    assertThat(center.get(CallKpis.CONTAINMENT)).isCloseTo(2.0 / 4, within(1e-9));
    assertThat(center.get(CallKpis.TO_AGENT)).isEqualTo(1.0);
    assertThat(center.get(CallKpis.SERVICE_LEVEL)).isCloseTo(0.5, within(1e-9));

    Map<String, Double> wealth = kpis("topic", "wealth");
    assertThat(wealth.get(CallKpis.OFFERED)).isEqualTo(4.0);
    assertThat(wealth).doesNotContainKey(CallKpis.SERVICE_LEVEL);
  }

  @Test
  void rollingViewsSumTheMinutesInTheirSpanOnly() {
    RollingCalls rolling = new RollingCalls(15);
    for (int m = 0; m < 20; m++) {
      CallCounts minute = new CallCounts();
      minute.arrived = m;
      rolling.add(BEGINNING + m * 60_000L, minute);
    }
    long end = BEGINNING + 20 * 60_000L;
    assertThat(rolling.sum(end).arrived).isEqualTo((5 + 19) * 15 / 2);
    assertThat(rolling.sum(end, 5).arrived).isEqualTo(15 + 16 + 17 + 18 + 19);
  }

  @Test
  void theBaselineLearnsTheUsualAndShrugsOffASurge() {
    SeasonalBaseline baseline = new SeasonalBaseline();
    int slot = 40;
    for (int i = 0; i < 60; i++) {
      baseline.learn(slot, 100);
    }
    assertThat(baseline.expected(slot)).isCloseTo(100, within(1e-9));
    for (int i = 0; i < 15; i++) {
      baseline.learn(slot, 400);
    }
    // Winsorized at 130%: fifteen minutes of a fourfold surge move it by well under a third.
    assertThat(baseline.expected(slot)).isBetween(100.0, 115.0);
  }
}
