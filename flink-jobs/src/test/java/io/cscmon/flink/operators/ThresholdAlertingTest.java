package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static io.cscmon.core.testing.TestTimes.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.testing.TestRules;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThresholdAlertingTest {

  private KeyedOneInputStreamOperatorTestHarness<String, KpiSample, AlertRecord> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new ThresholdAlerting(
                    List.of(TestRules.serviceLevel()),
                    Duration.ofMinutes(15),
                    AlertTime.DEFAULT_ZONE)),
            new Keys.Series(),
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private void minute(int minute, double serviceLevel) throws Exception {
    minute(minute, serviceLevel, 30);
  }

  private void minute(int minute, double serviceLevel, long calls) throws Exception {
    long start = minutesLater(minute);
    harness.processElement(
        new KpiSample(
            TestRules.KPI,
            "sh",
            Labels.QUEUE,
            "retail",
            start,
            start + ONE_MINUTE,
            serviceLevel,
            calls),
        start + ONE_MINUTE - 1);
    harness.processWatermark(start + ONE_MINUTE - 1);
  }

  private List<Alert> alerts() {
    return harness.extractOutputValues().stream().map(AlertRecord::alert).toList();
  }

  @Test
  void firesAfterTheHoldAndResolvesWithoutLeavingStateOrTimers() throws Exception {
    for (int m = 0; m < 5; m++) {
      minute(m, 0.5);
    }
    assertThat(alerts()).hasSize(1);
    assertThat(alerts().get(0).isFiring()).isTrue();
    assertThat(alerts().get(0).label(Labels.EMERGENCY_LEVEL)).isEqualTo("III");
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    for (int m = 5; m < 10; m++) {
      minute(m, 0.95);
    }
    assertThat(alerts()).hasSize(2);
    assertThat(alerts().get(1).isFiring()).isFalse();
    assertThat(alerts().get(1).endsAt()).isEqualTo(minutesLater(5));
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void aSeriesThatFallsSilentResolvesOnItsExpiryTimer() throws Exception {
    for (int m = 0; m < 6; m++) {
      minute(m, 0.5);
    }
    assertThat(alerts()).hasSize(1);
    harness.processWatermark(minutesLater(6) + Duration.ofMinutes(15).toMillis());
    assertThat(alerts()).hasSize(2);
    Alert resolved = alerts().get(1);
    assertThat(resolved.isFiring()).isFalse();
    assertThat(resolved.endsAt()).isEqualTo(minutesLater(6));
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void windowsTooThinToJudgeDoNotKeepAnAlertFiringForever() throws Exception {
    for (int m = 0; m < 6; m++) {
      minute(m, 0.5);
    }
    for (int m = 6; m < 30; m++) {
      minute(m, 0.0, 2);
    }
    assertThat(alerts()).hasSize(2);
    assertThat(alerts().get(1).isFiring()).isFalse();
    assertThat(alerts().get(1).endsAt()).isEqualTo(minutesLater(6));
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void aWindowPastTheExpiryResolvesFirstEvenBeforeTheWatermarkGetsThere() throws Exception {
    for (int m = 0; m < 6; m++) {
      minute(m, 0.5);
    }
    // The watermark lags (another input is slow): the next window with evidence comes 20 minutes
    // later in event time, before any watermark past the expiry at minute 21.
    long start = minutesLater(26);
    harness.processElement(
        new KpiSample(
            TestRules.KPI, "sh", Labels.QUEUE, "retail", start, start + ONE_MINUTE, 0.5, 30),
        start + ONE_MINUTE - 1);
    assertThat(alerts()).hasSize(2);
    assertThat(alerts().get(1).isFiring()).isFalse();
    assertThat(alerts().get(1).endsAt()).isEqualTo(minutesLater(6));
  }

  @Test
  void healthySeriesKeepNoState() throws Exception {
    for (int m = 0; m < 10; m++) {
      minute(m, 0.92);
    }
    assertThat(alerts()).isEmpty();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void theEndOfABoundedInputLeavesAFiringAlertFiring() throws Exception {
    for (int m = 0; m < 6; m++) {
      minute(m, 0.5);
    }
    harness.processWatermark(Long.MAX_VALUE);
    assertThat(alerts()).hasSize(1);
  }
}
