package io.cscmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.manager.AlertManagerConfig;
import io.cscmon.core.manager.AlertPipeline;
import io.cscmon.core.manager.Matcher;
import io.cscmon.core.manager.Silence;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.testing.TestAlerts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's assembly: config file, durable receivers, state kept across a restart. */
class AlertPipelineTest {

  @TempDir Path state;

  /** The pipeline on {@link #state}, with {@code flag} as the {@code --webhook}. */
  private AlertPipeline start(AlertManagerConfig config, WebhookReceiver flag, Metrics metrics)
      throws Exception {
    return AlertPipeline.start(
        config,
        List.of(flag.url()),
        null,
        state,
        new AlertJson(),
        metrics,
        Clock.systemUTC(),
        "http://cscmon.test");
  }

  @Test
  void routesFromTheConfigAndWebhookFlagReachRealReceiversAndStateSurvivesRestart()
      throws Exception {
    try (WebhookReceiver team = new WebhookReceiver();
        WebhookReceiver flag = new WebhookReceiver();
        Metrics metrics = Metrics.create()) {
      AlertManagerConfig config =
          AlertManagerConfig.parse(
              """
              route:
                receiver: team
                group_wait: 1h
                routes:
                  - matchers: ['queue="vip"']
                    receiver: vip
              receivers:
                - name: team
                  webhook_configs:
                    - url: %s
                - name: vip
              """
                  .formatted(team.url()));
      String silenceId;
      try (AlertPipeline p = start(config, flag, metrics)) {
        p.manager().receive(TestAlerts.firing("retail", "I", TestAlerts.T0)); // urgent: at once
        p.manager().receive(TestAlerts.firing("vip", "I", TestAlerts.T0)); // null receiver
        long now = System.currentTimeMillis();
        silenceId =
            p.silences()
                .save(
                    new Silence(
                        "",
                        List.of(Matcher.equal("queue", "wealth")),
                        now,
                        now + 3_600_000,
                        "ops",
                        "test",
                        now))
                .id();
        await().atMost(Duration.ofSeconds(30)).until(() -> team.requests().size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> flag.requests().size() == 1);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> metrics.registry().get("cscmon.notifications.pending").gauge().value() == 0);
      }
      ObjectMapper json = new ObjectMapper();
      assertThat(json.readTree(team.requests().get(0).body()).path("receiver").asText())
          .isEqualTo("team");
      assertThat(json.readTree(flag.requests().get(0).body()).path("receiver").asText())
          .isEqualTo("webhook");
      assertThat(json.readTree(team.requests().get(0).body()).path("alerts").size()).isEqualTo(1);

      try (AlertPipeline again = start(config, flag, metrics)) {
        assertThat(again.silences().mutedBy(Map.of("queue", "wealth"))).containsExactly(silenceId);
      }
      assertThat(team.requests()).hasSize(1); // delivered once, not replayed
    }
  }
}
