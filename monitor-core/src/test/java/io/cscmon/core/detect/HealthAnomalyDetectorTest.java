package io.cscmon.core.detect;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HealthAnomalyDetectorTest {

  private static final long DAY = SeasonalBaseline.DAY;
  private static final long OFFSET = 8 * SeasonalBaseline.HOUR;

  private final HealthAnomalyDetector detector = new HealthAnomalyDetector(OFFSET);
  private final HealthAnomalyState state = new HealthAnomalyState();
  private final List<Alert> alerts = new ArrayList<>();
  private final Random random = new Random(42);

  /** A daily shape: busier by day, with ±10% noise. */
  private double normalP99(long t) {
    double hour = Math.floorMod(t + OFFSET, DAY) / (double) SeasonalBaseline.HOUR;
    double shape = 300 + 150 * Math.sin(Math.PI * Math.max(0, Math.min(1, (hour - 8) / 13)));
    return shape * (1 + 0.1 * random.nextGaussian());
  }

  private void feed(long from, long to, java.util.function.LongToDoubleFunction p99) {
    for (long t = from; t < to; t += 10_000) {
      double cpu = 0.3 + 0.03 * random.nextGaussian();
      alerts.addAll(detector.onEvent(state, Ev.health(t, "crm", p99.applyAsDouble(t), 50, 0, cpu)));
    }
  }

  /** Latency rising linearly from its usual to {@code factor} times it over {@code [from, to)}. */
  private void feedRamp(long from, long to, double factor) {
    feed(from, to, t -> normalP99(t) * (1 + (factor - 1) * (t - from) / (to - from)));
  }

  @Test
  void sevenNormalDaysAfterOneDayOfWarmUpRaiseNothing() {
    feed(BEGINNING, BEGINNING + 8 * DAY, this::normalP99);
    assertThat(alerts).isEmpty();
    assertThat(state.series)
        .extracting(a -> a.name)
        .contains("latency_p99_ms", "cpu", "memory", "metrics.queue_depth");
  }

  @Test
  void aSlowLatencyDriftIsCaughtBeforeTheRampEndsAndClearsAfter() {
    long rampStart = BEGINNING + 2 * DAY;
    long rampEnd = rampStart + 2 * SeasonalBaseline.HOUR;
    feed(BEGINNING, rampStart, this::normalP99);
    // Latency climbs linearly to ten times normal over two hours.
    feed(
        rampStart,
        rampEnd,
        t -> normalP99(t) * (1 + 9.0 * (t - rampStart) / (rampEnd - rampStart)));
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.alertname()).isEqualTo("ComponentAnomaly");
    assertThat(a.label(Labels.COMPONENT)).isEqualTo("crm");
    assertThat(a.label(Labels.INSTANCE)).isEqualTo("0");
    assertThat(a.annotations().get(Labels.SUMMARY)).contains("latency_p99_ms");
    assertThat(a.startsAt()).isBetween(rampStart, rampStart + 40 * ONE_MINUTE);
    // It stays high for three hours: the baseline must not learn it as normal.
    feed(rampEnd, rampEnd + 3 * SeasonalBaseline.HOUR, t -> normalP99(t) * 10);
    assertThat(alerts).hasSize(1);
    feed(rampEnd + 3 * SeasonalBaseline.HOUR, rampEnd + 4 * SeasonalBaseline.HOUR, this::normalP99);
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(1).isFiring()).isFalse();
    Ev.assertContractShape(alerts);
  }

  @Test
  void aLatencyRampOnTheFirstDayIsCaughtAgainstTheHourBeforeIt() {
    // No day of history: the simulator's first-day latency ramp to 8x raised nothing all day.
    long rampStart = BEGINNING + 3 * SeasonalBaseline.HOUR;
    long rampEnd = rampStart + SeasonalBaseline.HOUR;
    feed(BEGINNING, rampStart, this::normalP99);
    feedRamp(rampStart, rampEnd, 8.0);

    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).annotations().get(Labels.SUMMARY)).contains("latency_p99_ms");
    assertThat(alerts.get(0).startsAt()).isBetween(rampStart, rampStart + 40 * ONE_MINUTE);
    feed(rampEnd, rampEnd + SeasonalBaseline.HOUR, this::normalP99);
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(1).isFiring()).isFalse();
  }

  @Test
  void onTheFirstDayLatencyFollowingTheLoadUpToTwiceRaisesNothing() {
    // The simulated database's p99 runs 1.8x from 08:00 to 10:00: without a day of history nothing
    // says that is its usual, so the recent hour's judgment asks for three times, not two.
    long riseStart = BEGINNING + 3 * SeasonalBaseline.HOUR;
    long riseEnd = riseStart + SeasonalBaseline.HOUR;
    feed(BEGINNING, riseStart, this::normalP99);
    feedRamp(riseStart, riseEnd, 2.2);
    feed(riseEnd, riseEnd + 2 * SeasonalBaseline.HOUR, t -> normalP99(t) * 2.2);

    assertThat(alerts).isEmpty();
  }

  @Test
  void theBaselineOfOneSeriesIsAFewKilobytes() {
    feed(BEGINNING, BEGINNING + ONE_MINUTE, this::normalP99);
    assertThat(state.series[0].baseline.byteSize()).isLessThan(20 * 1024);
  }
}
