package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertStatus;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.kpi.CallsWaitingNow;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.rule.RuleSet;
import io.cscmon.core.testing.TestRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** {@link ThresholdAlerting} over instant readings ({@link CallsWaitingNow}). */
class InstantThresholdAlertingTest {

  private static KeyedBroadcastOperatorTestHarness<
          String, KpiSample, Map<String, String>, AlertRecord>
      harness(RuleSet rules) throws Exception {
    var harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new ThresholdAlerting(rules, Duration.ofMinutes(15), AlertTime.DEFAULT_ZONE),
            new Keys.Series(),
            Types.STRING,
            ThresholdAlerting.RULE_FILES);
    harness.processBroadcastWatermark(Long.MAX_VALUE);
    return harness;
  }

  private static void read(
      KeyedBroadcastOperatorTestHarness<String, KpiSample, Map<String, String>, AlertRecord> h,
      long secondsLater,
      long waiting)
      throws Exception {
    long at = BEGINNING + secondsLater * 1000;
    h.processElement(CallsWaitingNow.queue("sh", "retail", at, waiting), at);
  }

  private static List<Alert> alerts(
      KeyedBroadcastOperatorTestHarness<String, KpiSample, Map<String, String>, AlertRecord> h) {
    return h.extractOutputValues().stream().map(AlertRecord::alert).toList();
  }

  @Test
  void holdZeroFiresOnTheBreachingReadingWithoutAWatermarkAndResolvesLeavingNothing()
      throws Exception {
    try (var h = harness(TestRules.waitingNow("0s", "0s"))) {
      read(h, 1, 3);
      assertThat(h.extractOutputValues()).isEmpty();
      assertThat(h.numEventTimeTimers()).isZero(); // a healthy series keeps no state
      read(h, 2, 4);
      assertThat(alerts(h))
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.status()).isEqualTo(AlertStatus.FIRING);
                assertThat(a.startsAt()).isEqualTo(BEGINNING + 2_000);
              });
      read(h, 9, 1);
      assertThat(alerts(h)).hasSize(2);
      assertThat(alerts(h).get(1).status()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alerts(h).get(1).endsAt()).isEqualTo(BEGINNING + 9_000);
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void keepAlivesCarryAHoldAndAQuietSeriesThatStopsReadingExpires() throws Exception {
    try (var h = harness(TestRules.waitingNow("2m", "0s"))) {
      read(h, 10, 5);
      read(h, 60, 5); // keep-alives at the minute ends
      read(h, 120, 5);
      assertThat(h.extractOutputValues()).isEmpty();
      read(h, 180, 5);
      assertThat(alerts(h))
          .singleElement()
          .extracting(Alert::startsAt)
          .isEqualTo(BEGINNING + 10_000);
      // No reading any more (the source went away): the series expires 15 min after the last.
      h.processWatermark(BEGINNING + 180_000 + Duration.ofMinutes(15).toMillis());
      assertThat(alerts(h)).hasSize(2);
      assertThat(alerts(h).get(1).status()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alerts(h).get(1).endsAt()).isEqualTo(BEGINNING + 180_000);
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }
}
