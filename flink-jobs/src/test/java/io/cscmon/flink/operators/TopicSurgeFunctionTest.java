package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.kpi.GeneralSurge.TopicVolume;
import io.cscmon.core.kpi.KpiSample;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Market and credit topics beyond the center's general surge, judged per minute on the watermark.
 */
class TopicSurgeFunctionTest {

  private static KeyedOneInputStreamOperatorTestHarness<String, TopicVolume, KpiSample> harness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new TopicSurgeFunction()),
        new Keys.VolumeCenter(),
        Types.STRING);
  }

  private static TopicVolume volume(String topic, int m, long offered, double expected) {
    long start = BEGINNING + m * ONE_MINUTE;
    return new TopicVolume("sh", topic, start, start + ONE_MINUTE, offered, expected);
  }

  /**
   * Minute {@code m} of a center whose ordinary topics run at {@code general} times the usual
   * (balance expects 150 calls over the span, transfer 100) and wealth at {@code wealth} times.
   */
  private static List<TopicVolume> minute(int m, double general, double wealth) {
    return List.of(
        volume("wealth", m, Math.round(20 * wealth), 20),
        volume("transfer", m, Math.round(100 * general), 100),
        volume("balance", m, Math.round(150 * general), 150),
        volume("credit_card", m, Math.round(40 * general), 40));
  }

  @Test
  void aGeneralSurgeLeavesMarketAndCreditTopicsAtTheirUsual() throws Exception {
    try (var harness = harness()) {
      harness.open();
      for (TopicVolume v : minute(0, 3, 3)) {
        harness.processElement(v, v.end() - 1);
      }
      assertThat(harness.extractOutputValues()).as("judged only when the minute closes").isEmpty();
      harness.processWatermark(BEGINNING + ONE_MINUTE - 1);

      List<KpiSample> out = harness.extractOutputValues();
      assertThat(out)
          .extracting(KpiSample::kpi)
          .containsExactly(
              CallKpiViews.CREDIT_TOPIC_VS_BASELINE, CallKpiViews.MARKET_TOPIC_VS_BASELINE);
      assertThat(out).extracting(KpiSample::scope).containsExactly("credit_card", "wealth");
      assertThat(out).allSatisfy(s -> assertThat(s.value()).isBetween(1.0, 1.15));
      assertThat(out.get(0).windowStart()).isEqualTo(BEGINNING);
      assertThat(out.get(0).windowEnd()).isEqualTo(BEGINNING + ONE_MINUTE);
      assertThat(harness.numEventTimeTimers()).isZero();
      assertThat(harness.numKeyedStateEntries()).as("nothing left waiting").isZero();
    }
  }

  @Test
  void eachMinuteIsJudgedWithItsOwnVolumesWhicheverSubtaskRunsAhead() throws Exception {
    try (var harness = harness()) {
      harness.open();
      // One views subtask sends minutes 0-2 before the other sends any: wealth shocks in minute 2
      // only, the ordinary topics run as usual throughout.
      List<TopicVolume> ahead = new ArrayList<>();
      List<TopicVolume> behind = new ArrayList<>();
      for (int m = 0; m < 3; m++) {
        for (TopicVolume v : minute(m, 1, m == 2 ? 5 : 1)) {
          (v.topic().equals("balance") ? behind : ahead).add(v);
        }
      }
      for (TopicVolume v : ahead) {
        harness.processElement(v, v.end() - 1);
      }
      for (TopicVolume v : behind) {
        harness.processElement(v, v.end() - 1);
      }
      for (int m = 0; m < 3; m++) {
        harness.processWatermark(BEGINNING + (m + 1) * ONE_MINUTE - 1);
      }

      List<Double> wealth =
          harness.extractOutputValues().stream()
              .filter(s -> s.scope().equals("wealth"))
              .map(KpiSample::value)
              .toList();
      assertThat(wealth).containsExactly(1.0, 1.0, 5.0);
      assertThat(harness.numEventTimeTimers()).isZero();
      assertThat(harness.numKeyedStateEntries()).isZero();
    }
  }
}
