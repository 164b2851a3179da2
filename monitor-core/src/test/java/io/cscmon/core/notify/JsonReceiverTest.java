package io.cscmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.manager.AlertManagerConfig;
import io.cscmon.core.metrics.NotificationMetrics;
import io.cscmon.core.testing.TestAlerts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code json_configs}: the alert objects as JSON, with the configured headers, to a real server.
 */
class JsonReceiverTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final AlertJson alertJson = new AlertJson();

  @Test
  void postsTheAlertObjectsWithTheConfiguredHeadersSigned() throws Exception {
    String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
    Alert alert = TestAlerts.firing("retail", "II", TestAlerts.T0);
    try (WebhookReceiver server = new WebhookReceiver()) {
      AlertManagerConfig config =
          AlertManagerConfig.parse(
              """
              route: {receiver: tickets}
              receivers:
                - name: tickets
                  json_configs:
                    - url: %s
                      headers: {X-Api-Key: k-123, X-Source: cscmon}
                      secret: %s
              """
                  .formatted(server.url(), secret));
      ReceiverSpec spec = config.receivers().get("tickets").get(0);
      assertThat(spec.toString()).doesNotContain("k-123");
      try (Notifier notifier =
          spec.create(
              "tickets",
              alertJson,
              new NotificationMetrics(new SimpleMeterRegistry()),
              Clock.systemUTC())) {
        WebhookMessage message =
            WebhookMessage.of(
                "tickets",
                Map.of("alertname", "ServiceLevelBreach", "center", "sh"),
                "{}:{alertname=\"ServiceLevelBreach\", center=\"sh\"}",
                List.of(alert),
                "http://cscmon.test",
                0);
        assertThat(notifier.notify(message).get()).isEqualTo(DeliveryResult.DELIVERED);
      }
      WebhookReceiver.Request r = server.requests().get(0);
      assertThat(r.header("X-Api-Key")).isEqualTo("k-123");
      assertThat(r.header("X-Source")).isEqualTo("cscmon");
      assertThat(r.header("Content-Type")).startsWith("application/json");
      assertThat(r.header("webhook-signature")).startsWith("v1,");
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("receiver").asText()).isEqualTo("tickets");
      assertThat(body.get("status").asText()).isEqualTo("firing");
      assertThat(body.get("groupKey").asText())
          .isEqualTo("{}:{alertname=\"ServiceLevelBreach\", center=\"sh\"}");
      assertThat(body.get("groupLabels").get("center").asText()).isEqualTo("sh");
      assertThat(body.get("alerts")).hasSize(1);
      assertThat(body.get("alerts").get(0)).isEqualTo(JSON.readTree(alertJson.encode(alert)));
    }
  }

  @Test
  void badHeadersAreRefusedAtStartNamingThem() {
    String base =
        """
        route: {receiver: tickets}
        receivers:
          - name: tickets
            json_configs:
              - url: http://tickets.example/hook
                headers: %s
        """;
    assertThatThrownBy(() -> AlertManagerConfig.parse(base.formatted("{Content-Type: text/plain}")))
        .hasMessageContaining(
            "receivers.tickets.json_configs: headers.Content-Type: set by cscmon");
    assertThatThrownBy(() -> AlertManagerConfig.parse(base.formatted("{'bad name': x}")))
        .hasMessageContaining("'bad name' is not a header name");
    assertThatThrownBy(() -> AlertManagerConfig.parse(base.formatted("\"\\nX: 1\"")))
        .hasMessageContaining("receivers.tickets.json_configs.headers: must be a mapping");
    assertThatThrownBy(() -> AlertManagerConfig.parse(base.formatted("{X-A: \"a\\r\\nX-B: b\"}")))
        .hasMessageContaining("headers.X-A: the value must be one line");
  }
}
