package io.cscmon.core.manager;

import static io.cscmon.core.testing.TestAlerts.T0;
import static io.cscmon.core.testing.TestAlerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertStatus;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.journal.Journal;
import io.cscmon.core.metrics.AlertMetrics;
import io.cscmon.core.notify.Notifier;
import io.cscmon.core.testing.FakeClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert manager restarted (without closing: as after {@code kill -9}) on its state file, on a
 * fake clock: nothing the receivers were told is told again, a resolution is still told, and the
 * timers carry on where they were.
 */
class AlertStateRestartTest {

  @TempDir Path dir;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-27T02:00:00Z"));
  private final Silences silences = new Silences(clock);
  private final Acks acks = new Acks(clock);

  private static final RoutingConfig CONFIG =
      new RoutingConfig(
          Route.Spec.to("oncall"),
          List.of(),
          true,
          Map.of(),
          List.of(
              new EscalationPolicy(
                  Set.of(EmergencyLevel.II),
                  List.of(new EscalationPolicy.Step(Duration.ofMinutes(5), "duty-manager")))),
          RoutingConfig.DEFAULT_URGENT);

  /** One life of the service: its manager, dispatcher, state file and receivers. */
  private final class Life {
    final RecordingNotifier oncall = new RecordingNotifier("oncall");
    final RecordingNotifier duty = new RecordingNotifier("duty-manager");
    final RecordingNotifier business = new RecordingNotifier("business");
    final RoutingDispatcher dispatcher;
    final AlertManager manager;
    final AlertStateStore store;

    Life() {
      this(CONFIG);
    }

    Life(RoutingConfig config) {
      dispatcher =
          new RoutingDispatcher(
              config,
              Map.<String, List<Notifier>>of(
                  "oncall",
                  List.of(oncall),
                  "duty-manager",
                  List.of(duty),
                  "business",
                  List.of(business)),
              silences,
              acks,
              clock,
              "http://cscmon.test");
      manager = new AlertManager(new AlertMetrics(new SimpleMeterRegistry()), dispatcher);
      store =
          new AlertStateStore(Journal.open(dir.resolve("alert-state.ndjson")), manager, dispatcher);
    }

    /** What the service's ticker does every second. */
    void after(Duration d) {
      clock.advance(d);
      dispatcher.tick();
      store.save();
    }
  }

  private static Alert resolved(Alert a) {
    return a.resolved(a.startsAt() + 600_000, a.annotations());
  }

  @Test
  void aRestartNeitherRepeatsNotificationsNorLosesTheResolution() {
    Alert alert = firing("retail", "II", T0 + 123); // millisecond start: kept exactly
    Life first = new Life();
    first.manager.receive(alert);
    assertThat(first.oncall.messages()).hasSize(1); // level II: at once
    first.after(Duration.ofMinutes(5));
    assertThat(first.duty.messages()).hasSize(1); // unacknowledged for 5 minutes: escalated

    Life second = new Life(); // the first is gone without a word
    assertThat(second.manager.active()).containsExactly(alert);
    second.manager.receive(alert); // the rules raise it again after the restart
    second.after(Duration.ofMinutes(5));
    second.after(Duration.ofMinutes(5));
    assertThat(second.oncall.messages()).isEmpty();
    assertThat(second.duty.messages()).isEmpty();

    second.manager.receive(resolved(alert));
    second.after(Duration.ofMinutes(5));
    assertThat(second.oncall.messages()).hasSize(1);
    WebhookMessage told = second.oncall.last();
    assertThat(told.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(told.alerts()).extracting(Alert::fingerprint).containsExactly(alert.fingerprint());
    // The escalation's receiver heard it fire before the restart, so it hears it resolve.
    assertThat(second.duty.messages()).hasSize(1);
    assertThat(second.duty.last().status()).isEqualTo(AlertStatus.RESOLVED);

    Life third = new Life();
    assertThat(third.manager.active()).isEmpty();
    assertThat(third.manager.all()).extracting(Alert::status).containsExactly(AlertStatus.RESOLVED);
    third.manager.receive(resolved(alert)); // a replayed resolution is a repeat
    third.after(Duration.ofMinutes(5));
    assertThat(third.oncall.messages()).isEmpty();
  }

  @Test
  void aContinuedAlertClimbingBackThroughItsLevelsAfterARestartIsNotToldAgain() {
    Alert alert = firing("retail", "I", T0);
    Life first = new Life();
    first.manager.receive(alert);
    first.after(Duration.ofSeconds(1));
    assertThat(first.oncall.messages()).hasSize(1);

    // The fresh job's counts build up again: II first, then I, an hour of event time later.
    Life second = new Life();
    long later = T0 + 3_600_000;
    second.manager.receive(firing("ServiceLevelBreach", "sh", "retail", "II", later, "0.50"));
    second.after(Duration.ofMinutes(5));
    second.manager.receive(firing("ServiceLevelBreach", "sh", "retail", "I", later, "0.40"));
    second.after(Duration.ofMinutes(5));

    assertThat(second.oncall.messages()).as("no downgrade to II, no second I").isEmpty();
    assertThat(second.manager.active())
        .singleElement()
        .satisfies(a -> assertThat(a.label("emergency_level")).isEqualTo("I"));
  }

  @Test
  void afterARestartUnderAnotherRouteTreeFiringAlertsReachTheirNewReceivers() {
    Alert alert = firing("retail", "II", T0);
    Life first = new Life();
    first.manager.receive(alert);
    assertThat(first.oncall.messages()).hasSize(1);
    first.after(Duration.ofSeconds(1));

    // Now retail goes to the business line, grouped by queue: the old group is gone.
    RoutingConfig moved =
        new RoutingConfig(
            Route.Spec.to("oncall")
                .withRoutes(
                    Route.Spec.to("business", Matcher.equal("queue", "retail"))
                        .withGroupBy("queue")),
            List.of(),
            true,
            Map.of(),
            List.of(),
            RoutingConfig.DEFAULT_URGENT);
    Life second = new Life(moved);
    second.after(Duration.ofMinutes(1));

    assertThat(second.business.messages()).hasSize(1);
    assertThat(second.business.last().status()).isEqualTo(AlertStatus.FIRING);
    assertThat(second.business.last().alerts())
        .extracting(Alert::fingerprint)
        .containsExactly(alert.fingerprint());
    assertThat(second.oncall.messages()).as("oncall's old group was dropped").isEmpty();

    // Under the same tree again, nothing is told twice.
    Life third = new Life(moved);
    third.after(Duration.ofMinutes(10));
    assertThat(third.business.messages()).isEmpty();
  }

  /**
   * Without Kafka the job starts afresh after a restart and raises an ongoing condition again with
   * a later start: the incident receivers were told of continues, it does not fire anew.
   */
  @Test
  void aRestoredAlertRaisedAgainWithALaterStartContinuesAcrossRestarts() {
    Alert alert = firing("retail", "II", T0);
    Life first = new Life();
    first.manager.receive(alert);
    first.after(Duration.ofMinutes(5));
    assertThat(first.oncall.messages()).hasSize(1);
    assertThat(first.duty.messages()).hasSize(1);

    Life second = new Life();
    long later = T0 + 3_600_000; // the fresh job saw the condition an hour of event time later
    Alert again = firing("ServiceLevelBreach", "sh", "retail", "II", later, "0.55");
    second.manager.receive(again);
    second.manager.receive(firing("ServiceLevelBreach", "sh", "retail", "II", later, "0.50"));
    second.after(Duration.ofMinutes(5));
    assertThat(second.oncall.messages()).isEmpty();
    assertThat(second.duty.messages()).isEmpty();
    assertThat(second.manager.active())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.startsAt()).isEqualTo(T0);
              assertThat(a.annotations()).containsEntry("value", "0.50");
            });

    Life third = new Life(); // and once more: the continuation is in the state file too
    third.manager.receive(firing("ServiceLevelBreach", "sh", "retail", "II", later, "0.45"));
    third.manager.receive(resolved(again));
    third.after(Duration.ofMinutes(5));
    assertThat(third.oncall.messages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.status()).isEqualTo(AlertStatus.RESOLVED);
              assertThat(m.alerts().get(0).startsAt()).isEqualTo(T0);
            });
    assertThat(third.duty.last().status()).isEqualTo(AlertStatus.RESOLVED);
    third.manager.receive(resolved(again)); // a repeated resolution is a repeat
    third.after(Duration.ofMinutes(5));
    assertThat(third.oncall.messages()).hasSize(1);

    Alert next = firing("retail", "II", later + 7_200_000); // a new incident is one
    third.manager.receive(next);
    assertThat(third.oncall.messages()).hasSize(2);
    assertThat(third.manager.active()).containsExactly(next);
  }

  @Test
  void timersCarryOnAcrossARestart() {
    Alert alert = firing("retail", "IV", T0); // not urgent: waits group_wait (30 s)
    Life first = new Life();
    first.manager.receive(alert);
    first.after(Duration.ofSeconds(20));
    assertThat(first.oncall.messages()).isEmpty();

    Life second = new Life();
    second.after(Duration.ofSeconds(5));
    assertThat(second.oncall.messages()).isEmpty();
    second.after(Duration.ofSeconds(5)); // 30 s after the alert, restart or not
    assertThat(second.oncall.messages()).hasSize(1);
    assertThat(second.oncall.last().alerts()).containsExactly(alert);
    second.after(Duration.ofHours(4)); // repeat_interval: still firing, told again once
    assertThat(second.oncall.messages()).hasSize(2);

    Life third = new Life();
    third.after(Duration.ofMinutes(5));
    assertThat(third.oncall.messages()).isEmpty(); // the repeat was remembered
  }

  @Test
  void anUnreadableStateFileIsReportedAndTheServiceStartsAfresh() throws Exception {
    Files.writeString(
        dir.resolve("alert-state.ndjson"), "{\"version\":1,\"manager\":{\"firing\":[1]}}\n");
    Life life = new Life();
    assertThat(life.manager.active()).isEmpty();
    Alert alert = firing("retail", "II", T0);
    life.manager.receive(alert);
    assertThat(life.oncall.messages()).hasSize(1);
    assertThat(new Life().manager.active()).containsExactly(alert); // and it writes anew
  }
}
