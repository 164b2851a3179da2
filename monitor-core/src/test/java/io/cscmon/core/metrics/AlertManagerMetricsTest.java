package io.cscmon.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.manager.AlertManagerConfig;
import io.cscmon.core.manager.AlertPipeline;
import io.cscmon.core.manager.Matcher;
import io.cscmon.core.manager.Silence;
import io.cscmon.core.testing.FakeClock;
import io.cscmon.core.testing.TestAlerts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silences, acknowledgements and escalations on {@code /metrics}, from the alert manager the
 * service runs ({@link AlertPipeline}), on a fake clock.
 */
class AlertManagerMetricsTest {

  @TempDir Path state;

  @Test
  void silencesInForceAcknowledgedFiringAlertsAndEscalationSteps() throws Exception {
    FakeClock clock = new FakeClock(Instant.parse("2026-11-27T02:00:00Z"));
    AlertManagerConfig config =
        AlertManagerConfig.parse(
            """
            route:
              receiver: oncall
            receivers:
              - name: oncall
              - name: duty-manager
            escalations:
              - levels: [I, II]
                steps:
                  - after: 5m
                    receiver: duty-manager
            """);
    try (Metrics metrics = Metrics.create();
        AlertPipeline p =
            AlertPipeline.start(
                config, List.of(), null, state, new AlertJson(), metrics, clock, "http://t")) {
      Alert retail = TestAlerts.firing("retail", "II", TestAlerts.T0);
      Alert vip = TestAlerts.firing("vip", "II", TestAlerts.T0);
      p.manager().receive(retail);
      p.manager().receive(vip);
      long now = clock.millis();
      p.silences()
          .save(
              new Silence(
                  "",
                  List.of(Matcher.equal("queue", "wealth")),
                  now,
                  now + 360_000,
                  "ops",
                  "x",
                  now));
      p.silences()
          .save(
              new Silence(
                  "",
                  List.of(Matcher.equal("queue", "fx")),
                  now + 360_000,
                  now + 480_000,
                  "ops",
                  "pending, not in force yet",
                  now));
      p.acks().ack(vip, "wang.fang", "on it");
      assertThat(metrics.registry().scrape())
          .contains("# HELP cscmon_silences_active Silences in force now")
          .contains("cscmon_silences_active 1.0")
          .contains("cscmon_alerts_acknowledged 1.0")
          .contains("cscmon_escalations_total{emergency_level=\"II\"} 0.0");

      clock.advance(Duration.ofMinutes(5)); // retail is unacknowledged: one step
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  metrics
                      .registry()
                      .scrape()
                      .contains("escalations_total{emergency_level=\"II\"} 1.0"));
      clock.advance(Duration.ofMinutes(2)); // the first silence has ended, the second is in force
      p.manager().receive(vip.resolved(vip.startsAt() + 600_000, vip.annotations()));
      assertThat(metrics.registry().scrape())
          .contains("cscmon_silences_active 1.0")
          .contains("cscmon_alerts_acknowledged 0.0");
      clock.advance(Duration.ofMinutes(1));
      assertThat(metrics.registry().scrape()).contains("cscmon_silences_active 0.0");
    }
  }
}
