package io.cscmon.core.alert;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.TEN_MINUTES_LATER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

  private final AlertJson json = new AlertJson();
  private final ObjectMapper mapper = new ObjectMapper();

  private final Alert firing =
      Alert.firing(
          Map.of("alertname", "ServiceLevelBreach", "center", "sh", "queue", "retail"),
          Map.of("summary", "low", "runbook_url", "alert-rules/runbook.md#servicelevelbreach"),
          BEGINNING,
          "alert-rules/runbook.md#servicelevelbreach");

  @Test
  void encodesEventTimesInBeijingTimeAndAnUnsetEndAsZeroTime() throws Exception {
    JsonNode node = mapper.readTree(json.encode(firing));
    assertThat(node.get("status").asText()).isEqualTo("firing");
    assertThat(node.get("startsAt").asText()).isEqualTo("2026-11-27T10:00:00+08:00");
    assertThat(node.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(node.get("fingerprint").asText()).isEqualTo(firing.fingerprint());
    assertThat(node.get("labels").get("queue").asText()).isEqualTo("retail");
  }

  @Test
  void roundTripsThroughDecode() {
    Alert resolved = firing.resolved(TEN_MINUTES_LATER + 250, firing.annotations());
    assertThat(AlertJson.decode(json.encode(resolved))).isEqualTo(resolved);
    assertThat(AlertJson.decode(json.encode(firing))).isEqualTo(firing);
  }

  @Test
  void encodesTheSameAlertToTheSameBytes() {
    Alert rebuilt =
        Alert.firing(
            Map.of("queue", "retail", "center", "sh", "alertname", "ServiceLevelBreach"),
            Map.of("runbook_url", "alert-rules/runbook.md#servicelevelbreach", "summary", "low"),
            BEGINNING,
            "alert-rules/runbook.md#servicelevelbreach");
    assertThat(json.encode(rebuilt)).isEqualTo(json.encode(firing));
  }

  @Test
  void webhookBodyIsAlertmanagerVersionFour() throws Exception {
    Alert other =
        Alert.firing(
            Map.of("alertname", "ServiceLevelBreach", "center", "sh", "queue", "vip"),
            Map.of("summary", "low"),
            BEGINNING,
            "");
    WebhookMessage message =
        WebhookMessage.of(
            "oncall",
            Map.of("alertname", "ServiceLevelBreach"),
            "{}:{alertname=\"ServiceLevelBreach\"}",
            List.of(firing, other.resolved(TEN_MINUTES_LATER, other.annotations())),
            "http://localhost:8080",
            0);
    JsonNode node = mapper.readTree(json.encode(message));
    assertThat(node.get("version").asText()).isEqualTo("4");
    assertThat(node.get("status").asText()).isEqualTo("firing");
    assertThat(node.get("receiver").asText()).isEqualTo("oncall");
    assertThat(node.get("groupKey").asText()).isEqualTo("{}:{alertname=\"ServiceLevelBreach\"}");
    assertThat(node.get("truncatedAlerts").asInt()).isZero();
    assertThat(node.get("externalURL").asText()).isEqualTo("http://localhost:8080");
    assertThat(node.get("groupLabels").get("alertname").asText()).isEqualTo("ServiceLevelBreach");
    assertThat(node.get("commonLabels").get("center").asText()).isEqualTo("sh");
    assertThat(node.get("commonLabels").has("queue")).isFalse();
    assertThat(node.get("commonAnnotations").get("summary").asText()).isEqualTo("low");
    assertThat(node.get("alerts")).hasSize(2);
    assertThat(node.get("alerts").get(1).get("status").asText()).isEqualTo("resolved");
  }
}
