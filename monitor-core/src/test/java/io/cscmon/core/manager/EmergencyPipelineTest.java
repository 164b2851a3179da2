package io.cscmon.core.manager;

import static io.cscmon.core.manager.EmergencyActivationsTest.emergency;
import static io.cscmon.core.testing.TestAlerts.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.manager.EmergencyActivations.Activation;
import io.cscmon.core.manager.EmergencyActivations.State;
import io.cscmon.core.manager.EmergencyActivations.Step;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's assembly feeds the activations and keeps them in STATE_DIR across a restart. */
class EmergencyPipelineTest {

  @TempDir Path state;

  private AlertPipeline start(Metrics metrics, FakeClock clock) {
    return AlertPipeline.start(
        null, List.of(), null, state, new AlertJson(), metrics, clock, "http://cscmon.test");
  }

  @Test
  void anActivationOpenedBeforeARestartRecoversAfterIt() {
    FakeClock clock = new FakeClock(T0);
    String id;
    try (Metrics metrics = Metrics.create()) {
      try (AlertPipeline p = start(metrics, clock)) {
        p.manager().receive(emergency("sh", "II", T0));
        id = p.emergencies().list().get(0).id();
        p.emergencies().move(id, State.RESPONDING, "zhang.wei", "team assembled");
      }
      assertThat(Files.exists(state.resolve("emergencies.ndjson"))).isTrue();

      try (AlertPipeline again = start(metrics, clock)) {
        assertThat(again.emergencies().get(id).map(Activation::state)).contains(State.RESPONDING);
        // The alert manager restored the firing alert too, so its end is a recovery, not a stray.
        again.manager().receive(emergency("sh", "II", T0).resolved(T0 + 60_000, Map.of()));
        assertThat(again.emergencies().get(id).orElseThrow().timeline())
            .extracting(Step::state)
            .containsExactly(State.ACTIVATED, State.RESPONDING, State.RECOVERED);
      }
    }
  }
}
