package io.cscmon.core.manager;

import static io.cscmon.core.testing.TestAlerts.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.journal.Journal;
import io.cscmon.core.manager.EmergencyActivations.Activation;
import io.cscmon.core.manager.EmergencyActivations.State;
import io.cscmon.core.manager.EmergencyActivations.Step;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.rule.EmergencyActivation;
import io.cscmon.core.testing.FakeClock;
import io.cscmon.core.testing.TestAlerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The activation lifecycle, fed through a real alert manager, on a fake clock. */
class EmergencyActivationsTest {

  private final FakeClock clock = new FakeClock(T0);
  private final Metrics metrics = Metrics.create();

  @TempDir Path dir;

  @AfterEach
  void close() {
    metrics.close();
  }

  /** The center's emergency alert at {@code level}, as the Flink job raises it. */
  static Alert emergency(String center, String level, long startsAt) {
    return Alert.firing(
        Map.of(
            Labels.ALERTNAME,
            EmergencyActivation.ALERTNAME,
            Labels.CENTER,
            center,
            Labels.INCIDENT_TYPE,
            "emergency",
            Labels.EMERGENCY_LEVEL,
            level,
            Labels.SEVERITY,
            "critical"),
        Map.of(Labels.SUMMARY, "emergency plan activated at level " + level),
        startsAt,
        "http://cscmon.test/rules/EmergencyActivation");
  }

  private AlertManager managerFeeding(EmergencyActivations store) {
    return new AlertManager(metrics.alerts(), store.recordingInto(NotificationDispatcher.NONE));
  }

  @Test
  void followsTheAlertAndTheOperatorsThroughTheWholeLifecycle() {
    EmergencyActivations store = new EmergencyActivations(clock);
    AlertManager manager = managerFeeding(store);
    Alert fired = emergency("sh", "II", T0);
    manager.receive(fired);
    manager.receive(TestAlerts.firing("retail", "II", T0)); // not an emergency alert: ignored
    assertThat(store.list()).hasSize(1);
    Activation a = store.list().get(0);
    assertThat(a.id()).isEqualTo(fired.fingerprint() + "-" + T0);
    assertThat(a.center()).isEqualTo("sh");
    assertThat(a.state()).isEqualTo(State.ACTIVATED);
    assertThat(a.level()).isEqualTo(EmergencyLevel.II);

    clock.advance(Duration.ofMinutes(2));
    store.move(a.id(), State.ACKNOWLEDGED, "zhang.wei", "on it");
    clock.advance(Duration.ofMinutes(1));
    manager.receive(emergency("sh", "I", T0)); // raised: same fingerprint, same start
    clock.advance(Duration.ofMinutes(1));
    store.move(a.id(), State.RESPONDING, "li.na", "plan level I started");
    clock.advance(Duration.ofMinutes(30));
    manager.receive(emergency("sh", "I", T0).resolved(T0 + 1_800_000, Map.of()));
    clock.advance(Duration.ofMinutes(5));
    Activation closed = store.move(a.id(), State.CLOSED, "li.na", "post-incident review filed");

    assertThat(closed.timeline())
        .containsExactly(
            new Step(State.ACTIVATED, EmergencyLevel.II, T0, "cscmon", ""),
            new Step(State.ACKNOWLEDGED, EmergencyLevel.II, T0 + 120_000, "zhang.wei", "on it"),
            new Step(State.ACKNOWLEDGED, EmergencyLevel.I, T0 + 180_000, "cscmon", "level II → I"),
            new Step(
                State.RESPONDING, EmergencyLevel.I, T0 + 240_000, "li.na", "plan level I started"),
            new Step(
                State.RECOVERED,
                EmergencyLevel.I,
                T0 + 2_040_000,
                "cscmon",
                "the emergency alert resolved"),
            new Step(
                State.CLOSED,
                EmergencyLevel.I,
                T0 + 2_340_000,
                "li.na",
                "post-incident review filed"));
    assertThat(store.get(a.id())).contains(closed);
  }

  @Test
  void refusesMovesTheLifecycleDoesNotAllow() {
    EmergencyActivations store = new EmergencyActivations(clock);
    AlertManager manager = managerFeeding(store);
    manager.receive(emergency("sh", "III", T0));
    String id = store.list().get(0).id();

    assertThatThrownBy(() -> store.move(id, State.CLOSED, "zhang.wei", ""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "is activated; it cannot become closed until the emergency has recovered");
    assertThatThrownBy(() -> store.move(id, State.RECOVERED, "zhang.wei", ""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("follows the emergency alert");
    store.move(id, State.RESPONDING, "zhang.wei", ""); // acknowledging may be skipped
    assertThatThrownBy(() -> store.move(id, State.ACKNOWLEDGED, "zhang.wei", ""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is responding; it cannot become acknowledged");
    assertThatThrownBy(() -> store.move(id, State.RESPONDING, " ", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'by'");
    assertThatThrownBy(() -> store.move("nope", State.RESPONDING, "zhang.wei", ""))
        .isInstanceOf(NoSuchElementException.class);
    assertThat(store.get(id).orElseThrow().timeline()).hasSize(2);
  }

  @Test
  void aNewEpisodeOpensANewActivationNewestFirst() {
    EmergencyActivations store = new EmergencyActivations(clock);
    AlertManager manager = managerFeeding(store);
    manager.receive(emergency("sh", "IV", T0));
    manager.receive(emergency("bj", "III", T0 + 1));
    clock.advance(Duration.ofMinutes(1));
    // A new episode whose older one never resolved (its end was lost): the old one recovers.
    manager.receive(emergency("sh", "II", T0 + 60_000));

    List<Activation> list = store.list();
    assertThat(list).extracting(Activation::center).containsExactly("sh", "bj", "sh");
    assertThat(list)
        .extracting(Activation::state)
        .containsExactly(State.ACTIVATED, State.ACTIVATED, State.RECOVERED);
    assertThat(list.get(2).timeline().get(1).comment()).contains("new episode");
  }

  @Test
  void survivesARestartAndCompactsItsJournal() throws Exception {
    Path file = dir.resolve("emergencies.ndjson");
    String id;
    try (Journal journal = Journal.open(file)) {
      EmergencyActivations store = new EmergencyActivations(clock, journal);
      AlertManager manager = managerFeeding(store);
      manager.receive(emergency("sh", "II", T0));
      id = store.list().get(0).id();
      clock.advance(Duration.ofMinutes(1));
      store.move(id, State.ACKNOWLEDGED, "zhang.wei", "on it");
      manager.receive(emergency("sh", "II", T0).resolved(T0 + 90_000, Map.of()));
    }
    assertThat(Files.readAllLines(file)).hasSize(3); // one line per change

    Activation before;
    try (Journal journal = Journal.open(file)) {
      EmergencyActivations reopened = new EmergencyActivations(clock, journal);
      before = reopened.get(id).orElseThrow();
      assertThat(before.state()).isEqualTo(State.RECOVERED);
      assertThat(before.timeline())
          .extracting(Step::state)
          .containsExactly(State.ACTIVATED, State.ACKNOWLEDGED, State.RECOVERED);
      assertThat(Files.readAllLines(file)).hasSize(1); // compacted: one line per activation
      clock.advance(Duration.ofMinutes(1));
      reopened.move(id, State.CLOSED, "zhang.wei", "done");
    }
    try (Journal journal = Journal.open(file)) {
      Activation after = new EmergencyActivations(clock, journal).get(id).orElseThrow();
      assertThat(after.state()).isEqualTo(State.CLOSED);
      assertThat(after.timeline()).hasSize(4).startsWith(before.timeline().toArray(Step[]::new));
    }
  }

  @Test
  void aCorruptJournalLineNamesTheRecord() throws Exception {
    Path file = dir.resolve("emergencies.ndjson");
    Files.writeString(file, "{\"id\":\"x\",\"timeline\":[{\"state\":\"lost\"}]}\n");
    try (Journal journal = Journal.open(file)) {
      assertThatThrownBy(() -> new EmergencyActivations(clock, journal))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("corrupt emergency activation record")
          .hasMessageContaining("lost");
    }
  }
}
