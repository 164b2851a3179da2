package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.detect.BurnRateDetector;
import io.cscmon.core.detect.Detectors;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.rule.DetectorSettings;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Error and latency budget burn per component in its operator, and what is left after it. */
class SloBurnOperatorTest {

  private KeyedOneInputStreamOperatorTestHarness<String, HealthEvent, AlertRecord> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new DetectorFunction<>(
                    Detectors.sloBurn(DetectorSettings.defaults(), Detectors.defaultComponentMap()),
                    AlertTime.DEFAULT_ZONE)),
            new Keys.Component(),
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  /** Ten-second samples of ivr from {@code from} to {@code to} minutes. */
  private void ivr(int from, int to, long errors, double p99) throws Exception {
    for (long t = BEGINNING + from * ONE_MINUTE; t < BEGINNING + to * ONE_MINUTE; t += 10_000) {
      harness.processElement(Health.sample(t, "ivr", "0", true, 100, errors, p99), t);
      harness.processWatermark(t - 31_000);
    }
  }

  private List<Alert> alerts() {
    return harness.extractOutputValues().stream().map(AlertRecord::alert).toList();
  }

  @Test
  void aBurstOfErrorsPagesAndResolvesLeavingNoTimer() throws Exception {
    ivr(0, 10, 0, 300);
    assertThat(alerts()).isEmpty();
    ivr(10, 16, 20, 300); // 20% errors: 40 times the 0.5% budget
    ivr(16, 30, 0, 300);
    harness.processWatermark(BEGINNING + 40 * ONE_MINUTE);

    assertThat(alerts())
        .extracting(Alert::alertname, Alert::isFiring, a -> a.label(Labels.SEVERITY))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(BurnRateDetector.ERROR_ALERT, true, "critical"),
            org.assertj.core.groups.Tuple.tuple(BurnRateDetector.ERROR_ALERT, false, "critical"));
    Alert firing = alerts().get(0);
    assertThat(firing.label(Labels.COMPONENT)).isEqualTo("ivr");
    // Both windows cross once the 5-minute one holds enough errors: within two minutes.
    assertThat(firing.startsAt())
        .isBetween(BEGINNING + 10 * ONE_MINUTE, BEGINNING + 12 * ONE_MINUTE);
    // Resolves once the 3-minute window of the slower pair has no errors left.
    assertThat(alerts().get(1).endsAt()).isLessThan(BEGINNING + 20 * ONE_MINUTE);
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aP99AboveTheComponentsObjectiveBurnsTheLatencyBudget() throws Exception {
    ivr(0, 10, 0, 300);
    ivr(10, 20, 0, 4000); // ivr's objective is 1500 ms at p99 (components.yaml)
    assertThat(alerts())
        .allMatch(a -> a.alertname().equals(BurnRateDetector.LATENCY_ALERT) && a.isFiring())
        .extracting(a -> a.label(Labels.SEVERITY))
        .last()
        .isEqualTo("critical");
  }

  @Test
  void aDownInstanceIsNoBurn() throws Exception {
    for (long t = BEGINNING; t < BEGINNING + 20 * ONE_MINUTE; t += 10_000) {
      harness.processElement(Health.sample(t, "ivr", "0", false, 100, 100, 300), t);
      harness.processWatermark(t - 31_000);
    }
    assertThat(alerts()).isEmpty();
  }
}
