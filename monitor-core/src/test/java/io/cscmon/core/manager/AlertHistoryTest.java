package io.cscmon.core.manager;

import static io.cscmon.core.testing.TestAlerts.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.testing.FakeClock;
import io.cscmon.core.testing.TestAlerts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's view of the past, fed by a real alert manager. */
class AlertHistoryTest {

  private final FakeClock clock = new FakeClock(T0);
  private final Metrics metrics = Metrics.create();
  private final AlertHistory history = new AlertHistory(clock);
  private final List<AlertChange> dispatched = new java.util.ArrayList<>();
  private final AlertManager manager =
      new AlertManager(metrics.alerts(), history.recordingInto(dispatched::add));

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void keepsEachAlertsChangesInOrderAndStillDispatchesThem() {
    Alert iv = TestAlerts.firing("retail", "IV", T0);
    manager.receive(iv);
    clock.advance(Duration.ofMinutes(10));
    manager.receive(TestAlerts.firing("retail", "III", T0));
    manager.receive(TestAlerts.firing("retail", "III", T0)); // a repeat: not a change
    clock.advance(Duration.ofMinutes(5));
    manager.receive(TestAlerts.firing("retail", "III", T0).resolved(T0 + 900_000, Map.of()));

    List<AlertHistory.Entry> changes = history.of(iv.fingerprint());
    assertThat(changes)
        .extracting(AlertHistory.Entry::kind)
        .containsExactly(
            AlertChange.Kind.FIRED, AlertChange.Kind.LEVEL_CHANGED, AlertChange.Kind.RESOLVED);
    assertThat(changes)
        .extracting(AlertHistory.Entry::receivedAt)
        .containsExactly(T0, T0 + 600_000, T0 + 900_000);
    assertThat(dispatched).hasSize(3);
    assertThat(history.of("0000000000000000")).isEmpty();
  }

  @Test
  void theTimelineFollowsEachCentersHighestFiringLevel() {
    Alert retail = TestAlerts.firing("retail", "IV", T0);
    Alert vip = TestAlerts.firing("vip", "II", T0 + 60_000);
    manager.receive(retail); // sh: none -> IV
    manager.receive(vip); // sh: IV -> II
    manager.receive(TestAlerts.firing("retail", "III", T0)); // II still highest: no entry
    manager.receive(vip.resolved(T0 + 120_000, Map.of())); // sh: II -> III
    manager.receive(
        TestAlerts.firing("ServiceLevelBreach", "bj", "retail", "none", T0, "0.7")); // no level
    manager.receive(TestAlerts.firing("retail", "III", T0).resolved(T0 + 180_000, Map.of()));

    assertThat(history.timeline())
        .extracting(a -> a.center() + ":" + a.from().label() + ">" + a.to().label())
        .containsExactly("sh:none>IV", "sh:IV>II", "sh:II>III", "sh:III>none");
    assertThat(history.timeline().get(1).causeFingerprint()).isEqualTo(vip.fingerprint());
    assertThat(history.timeline().get(1).raised()).isTrue();
    assertThat(history.timeline().get(2).raised()).isFalse();
    assertThat(history.activeLevels()).isEmpty();

    manager.receive(TestAlerts.firing("retail", "I", T0 + 600_000));
    assertThat(history.activeLevels()).containsExactly(Map.entry("sh", EmergencyLevel.I));
  }

  @Test
  void forgetsTheLeastRecentlyChangedAlertsBeyondItsBound() {
    // Straight into the history: the alert manager's gauges would make this loop slow.
    for (int i = 0; i <= AlertHistory.MAX_ALERTS; i++) {
      Alert a = TestAlerts.firing("q" + i, "IV", T0);
      history.record(new AlertChange(null, a, AlertChange.Kind.FIRED));
    }
    assertThat(history.of(TestAlerts.firing("q0", "IV", T0).fingerprint())).isEmpty();
    assertThat(history.of(TestAlerts.firing("q1", "IV", T0).fingerprint())).hasSize(1);
  }
}
