package io.cscmon.core.detect;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.Labels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiCenterOutageTrackerTest {

  private final MultiCenterOutageTracker tracker =
      new MultiCenterOutageTracker(OutageLevels.defaults(), ComponentMap.EMPTY);
  private final MultiCenterOutageState state = new MultiCenterOutageState();
  private final List<Alert> out = new ArrayList<>();

  private static Alert outage(String center, long since, EmergencyLevel level) {
    return DetectAlert.of("ComponentOutage", IncidentType.OUTAGE, center)
        .label(Labels.COMPONENT, "core_banking")
        .level(level)
        .firing(since);
  }

  private void timers(long until) {
    long next;
    while ((next = tracker.nextTimer(state, lastNow)) <= until) {
      out.addAll(tracker.onTimer(state, next));
      lastNow = next;
    }
    lastNow = until;
  }

  private long lastNow = BEGINNING;

  @Test
  void twoCentersDownTogetherForThirtyMinutesIsLevelIIAndNoAlertStepsDown() {
    long sh = BEGINNING;
    long bj = BEGINNING + 10 * ONE_MINUTE;
    out.addAll(tracker.onAlert(state, outage("sh", sh, EmergencyLevel.NONE)));
    out.addAll(tracker.onAlert(state, outage("sh", sh, EmergencyLevel.IV)));
    out.addAll(tracker.onAlert(state, outage("bj", bj, EmergencyLevel.NONE)));
    assertThat(out)
        .extracting(a -> a.label(Labels.EMERGENCY_LEVEL))
        .containsExactly("none", "IV", "none");
    out.clear();
    timers(bj + 29 * ONE_MINUTE);
    assertThat(out).isEmpty();
    timers(bj + 30 * ONE_MINUTE);
    assertThat(out)
        .extracting(a -> a.label(Labels.CENTER) + " " + a.label(Labels.EMERGENCY_LEVEL))
        .containsExactlyInAnyOrder("sh II", "bj II");
    assertThat(out.get(0).annotations().get(Labels.DESCRIPTION)).contains("multi-center");
    assertThat(out.get(0).label(Labels.SEVERITY)).isEqualTo("critical");
    out.clear();
    // The center's own detector says III (one center, 30 min): it must not step down.
    List<Alert> passed = tracker.onAlert(state, outage("bj", bj, EmergencyLevel.III));
    assertThat(passed.get(0).label(Labels.EMERGENCY_LEVEL)).isEqualTo("II");
    timers(bj + 180 * ONE_MINUTE);
    assertThat(out).extracting(a -> a.label(Labels.EMERGENCY_LEVEL)).containsOnly("I");
    // Resolves carry the level last raised; the state empties.
    Alert resolved =
        outage("sh", sh, EmergencyLevel.III).resolved(bj + 200 * ONE_MINUTE, java.util.Map.of());
    assertThat(tracker.onAlert(state, resolved).get(0).label(Labels.EMERGENCY_LEVEL))
        .isEqualTo("I");
    tracker.onAlert(
        state,
        outage("bj", bj, EmergencyLevel.II).resolved(bj + 200 * ONE_MINUTE, java.util.Map.of()));
    assertThat(state.isEmpty()).isTrue();
  }
}
