package io.cscmon.core.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON encoding of alerts and webhook bodies. Field order is fixed and maps are sorted, so the same
 * alert always encodes to the same bytes (replay output is compared byte for byte).
 */
public final class AlertJson {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ZoneId zone;

  public AlertJson(ZoneId zone) {
    this.zone = zone;
  }

  public AlertJson() {
    this(AlertTime.DEFAULT_ZONE);
  }

  public ZoneId zone() {
    return zone;
  }

  /** One alert object on one line. */
  public String encode(Alert alert) {
    return write(g -> writeAlert(g, alert));
  }

  public String encode(WebhookMessage message) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("version", WebhookMessage.VERSION);
          g.writeStringField("groupKey", message.groupKey());
          g.writeNumberField("truncatedAlerts", message.truncatedAlerts());
          g.writeStringField("status", message.status().wireName());
          g.writeStringField("receiver", message.receiver());
          writeMap(g, "groupLabels", message.groupLabels());
          writeMap(g, "commonLabels", message.commonLabels());
          writeMap(g, "commonAnnotations", message.commonAnnotations());
          g.writeStringField("externalURL", message.externalURL());
          g.writeArrayFieldStart("alerts");
          for (Alert alert : message.alerts()) {
            writeAlert(g, alert);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** Decodes one alert object; throws {@link IllegalArgumentException} when it is not one. */
  public static Alert decode(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      return new Alert(
          AlertStatus.valueOf(node.path("status").asText().toUpperCase(java.util.Locale.ROOT)),
          readMap(node.path("labels")),
          readMap(node.path("annotations")),
          AlertTime.parse(node.path("startsAt").asText()),
          AlertTime.parse(node.path("endsAt").asText()),
          node.path("generatorURL").asText(""),
          node.path("fingerprint").asText());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not an alert object: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a webhook body written by {@link #encode(WebhookMessage)}; encoding the result again
   * gives the same bytes (in the same zone). Throws {@link IllegalArgumentException} when it is not
   * one.
   */
  public static WebhookMessage decodeMessage(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      java.util.List<Alert> alerts = new java.util.ArrayList<>();
      for (JsonNode a : node.path("alerts")) {
        alerts.add(decode(a.toString()));
      }
      return new WebhookMessage(
          node.path("receiver").asText(),
          AlertStatus.valueOf(node.path("status").asText().toUpperCase(java.util.Locale.ROOT)),
          alerts,
          readMap(node.path("groupLabels")),
          readMap(node.path("commonLabels")),
          readMap(node.path("commonAnnotations")),
          node.path("externalURL").asText(""),
          node.path("groupKey").asText(),
          node.path("truncatedAlerts").asInt());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a webhook message: " + e.getMessage(), e);
    }
  }

  private void writeAlert(JsonGenerator g, Alert alert) throws IOException {
    g.writeStartObject();
    g.writeStringField("status", alert.status().wireName());
    writeMap(g, "labels", alert.labels());
    writeMap(g, "annotations", alert.annotations());
    g.writeStringField("startsAt", AlertTime.format(alert.startsAt(), zone));
    g.writeStringField("endsAt", AlertTime.format(alert.endsAt(), zone));
    g.writeStringField("generatorURL", alert.generatorURL());
    g.writeStringField("fingerprint", alert.fingerprint());
    g.writeEndObject();
  }

  private static void writeMap(JsonGenerator g, String field, Map<String, String> map)
      throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static TreeMap<String, String> readMap(JsonNode node) {
    TreeMap<String, String> map = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      map.put(e.getKey(), e.getValue().asText());
    }
    return map;
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
