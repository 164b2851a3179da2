package io.cscmon.core.detect;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurnRateDetectorTest {

  private final BurnRateDetector detector = BurnRateDetector.errorRate();
  private final BurnRateState state = detector.newState("sh", Labels.COMPONENT, "app_api");
  private final List<Alert> alerts = new ArrayList<>();

  /** 10-second samples of 100 requests with {@code errorsPer100} errors, from..to minutes. */
  private void run(int fromMin, int toMin, long errorsPer100) {
    for (long t = BEGINNING + fromMin * ONE_MINUTE;
        t < BEGINNING + toMin * ONE_MINUTE;
        t += 10_000) {
      alerts.addAll(detector.record(state, t, 100, errorsPer100));
    }
  }

  @Test
  void errorsWithinTheBudgetNeverAlert() {
    run(0, 120, 0);
    for (int m = 120; m < 240; m++) {
      run(m, m + 1, m % 3 == 0 ? 1 : 0); // 0.33%, under the 0.5% budget
    }
    assertThat(alerts).isEmpty();
  }

  @Test
  void aFastBurnPagesWithinMinutesAndResolvesSoonAfterItStops() {
    run(0, 30, 0);
    run(30, 40, 10); // 10% errors = 20x the budget
    assertThat(alerts).isNotEmpty();
    Alert page = alerts.get(0);
    assertThat(page.label(Labels.SEVERITY)).isEqualTo("critical");
    assertThat(page.alertname()).isEqualTo("ErrorBudgetBurn");
    assertThat(page.label(Labels.INCIDENT_TYPE)).isEqualTo("degradation");
    assertThat(page.label(Labels.COMPONENT)).isEqualTo("app_api");
    // Detected within 5 minutes of event time: the long window must fill to 7.2%.
    assertThat(page.startsAt()).isBetween(BEGINNING + 30 * ONE_MINUTE, BEGINNING + 35 * ONE_MINUTE);
    int firing = alerts.size();
    run(40, 47, 0); // resolved 3 min (the clear hold) after the burn fell below both pairs
    Alert resolved = alerts.get(alerts.size() - 1);
    assertThat(alerts.size()).isGreaterThan(firing);
    assertThat(resolved.isFiring()).isFalse();
    assertThat(resolved.endsAt()).isLessThanOrEqualTo(BEGINNING + 42 * ONE_MINUTE);
    Ev.assertContractShape(alerts);
  }

  @Test
  void aBurnThatPausesForTwoMinutesIsOneAlert() {
    run(0, 30, 0);
    // 40x the budget for 3 minutes (too short for the 30-minute ticket pair to hold it), a pause,
    // and the burn again: the page pair's short window clears within 40 s of the pause and fills
    // again 25 s into the burn, about 1.8 min later; a 1-minute hold resolved it in between.
    run(30, 33, 20);
    run(33, 35, 0);
    run(35, 38, 20);
    run(38, 50, 0);
    assertThat(alerts).extracting(Alert::isFiring).containsExactly(true, false);
  }

  @Test
  void aSlowBurnWarnsWithoutPaging() {
    run(0, 30, 0);
    run(30, 70, 4); // 4% = 8x: above 6, below 14.4
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).label(Labels.SEVERITY)).isEqualTo("warning");
    assertThat(alerts.get(0).annotations().get(Labels.THRESHOLD)).isEqualTo("6.0000");
  }

  @Test
  void thinTrafficIsNoEvidence() {
    for (long t = BEGINNING; t < BEGINNING + 30 * ONE_MINUTE; t += ONE_MINUTE) {
      alerts.addAll(detector.record(state, t, 2, 1));
    }
    assertThat(alerts).isEmpty();
  }

  @Test
  void whenTheDataStopsTheTimerResolves() {
    run(0, 10, 50);
    assertThat(alerts).hasSize(1);
    long next;
    int timers = 0;
    while ((next = detector.nextTimer(state)) != Long.MAX_VALUE) {
      alerts.addAll(detector.onTimer(state, next));
      timers++;
    }
    assertThat(timers)
        .isLessThanOrEqualTo(6 * 6); // within the 1-minute short window, or soon after
    assertThat(state.isIdle()).isTrue();
    assertThat(alerts.get(alerts.size() - 1).isFiring()).isFalse();
  }
}
