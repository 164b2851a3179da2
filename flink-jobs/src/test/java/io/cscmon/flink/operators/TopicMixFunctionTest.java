package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.kpi.CallCounts;
import io.cscmon.core.kpi.KpiSample;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The first-day topic surge per center, closed minute by minute on the watermark. */
class TopicMixFunctionTest {

  private static final int HOURS = 3;
  private static final int SHOCK_MINUTES = 10;

  private static KeyedOneInputStreamOperatorTestHarness<String, MinuteCounts, KpiSample> harness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new TopicMixFunction(ZoneId.of("Asia/Shanghai"))),
        new Keys.MinuteCenter(),
        Types.STRING);
  }

  private static MinuteCounts minute(String dimension, String scope, int m, long arrived) {
    CallCounts counts = new CallCounts();
    counts.arrived = arrived;
    long start = BEGINNING + m * ONE_MINUTE;
    return new MinuteCounts("sh", dimension, scope, start, start + ONE_MINUTE, counts);
  }

  /**
   * Three hours of a center taking 300 calls a minute, 15 of them about wealth, 5 about loans; in
   * the last ten minutes wealth runs at four times that. {@code topicsFirst} decides whether the
   * topics' counts of a minute come before the center's, as window subtasks may send them.
   */
  private static List<KpiSample> run(boolean topicsFirst) throws Exception {
    try (var harness = harness()) {
      harness.open();
      int last = HOURS * 60;
      for (int m = 0; m < last; m++) {
        long wealth = wealth(m, last);
        List<MinuteCounts> topics =
            List.of(minute("topic", "wealth", m, wealth), minute("topic", "loan", m, 5));
        MinuteCounts center = minute("center", "all", m, 280 + wealth);
        long ts = center.end() - 1;
        if (topicsFirst) {
          for (MinuteCounts t : topics) {
            harness.processElement(t, ts);
          }
          harness.processElement(center, ts);
        } else {
          harness.processElement(center, ts);
          for (MinuteCounts t : List.of(topics.get(1), topics.get(0))) {
            harness.processElement(t, ts);
          }
        }
        harness.processWatermark(ts);
      }
      assertThat(harness.numEventTimeTimers()).as("every minute closed").isZero();
      return harness.extractOutputValues();
    }
  }

  /** Wealth calls in minute {@code m}: about 15, four times that in the last ten minutes. */
  private static long wealth(int m, int last) {
    return m >= last - SHOCK_MINUTES ? 60 : 12 + m % 7;
  }

  /**
   * As {@link #run}, with the topics' counts sent {@code lead} minutes of event time ahead of the
   * center's: one window subtask ahead of the other, as a replay at parallelism 2 has them.
   */
  private static List<KpiSample> runAhead(int lead) throws Exception {
    try (var harness = harness()) {
      harness.open();
      int last = HOURS * 60;
      for (int k = 0; k < last + lead; k++) {
        if (k < last) {
          long wealth = wealth(k, last);
          MinuteCounts w = minute("topic", "wealth", k, wealth);
          harness.processElement(w, w.end() - 1);
          harness.processElement(minute("topic", "loan", k, 5), w.end() - 1);
        }
        int m = k - lead;
        if (m >= 0) {
          long wealth = wealth(m, last);
          MinuteCounts center = minute("center", "all", m, 280 + wealth);
          harness.processElement(center, center.end() - 1);
          harness.processWatermark(center.end() - 1);
        }
      }
      assertThat(harness.numEventTimeTimers()).as("every minute closed").isZero();
      return harness.extractOutputValues();
    }
  }

  @Test
  void countsMinutesAheadOfTheClosingMinuteChangeNothing() throws Exception {
    // Six minutes ahead took the ring cell of the oldest minute a reference still needs.
    assertThat(runAhead(10)).isEqualTo(run(true));
  }

  @Test
  void aShockOnTheFirstDayReadsAgainstTheCentersMixWhateverOrderTheCountsCameIn() throws Exception {
    List<KpiSample> samples = run(true);

    assertThat(samples).isEqualTo(run(false));
    KpiSample lastWealth =
        samples.stream().filter(s -> "wealth".equals(s.scope())).reduce((a, b) -> b).orElseThrow();
    assertThat(lastWealth.kpi()).isEqualTo(CallKpiViews.MARKET_TOPIC_VS_BASELINE);
    assertThat(lastWealth.value()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.01));
    // 1,400 other calls in five minutes at 5.36 % expect 75; read against those 1,400, the ratio
    // is as sure as 1 / (1/75 + 1/1,400) = 71 calls.
    assertThat(lastWealth.samples()).isEqualTo(71);
    assertThat(samples)
        .filteredOn(s -> "loan".equals(s.scope()))
        .allMatch(s -> s.kpi().equals(CallKpiViews.CREDIT_TOPIC_VS_BASELINE))
        // Wealth's shock is among loans' "other calls": it lowers their ratio a little, never
        // raises it.
        .allMatch(s -> s.value() > 0.8 && s.value() < 1.01);
    // One sample per topic and minute, from the first minute whose reference (ending 15 minutes
    // before) holds the 50 wealth calls a share needs: minutes 0-3, so from minute 18 on.
    long wealthSamples = samples.stream().filter(s -> "wealth".equals(s.scope())).count();
    assertThat(wealthSamples).isEqualTo(HOURS * 60 - 18);
  }
}
