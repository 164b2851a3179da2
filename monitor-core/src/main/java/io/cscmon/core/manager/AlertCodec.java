package io.cscmon.core.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertStatus;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Alerts in the alert manager's state file: every field exactly, times as epoch milliseconds (the
 * wire format's RFC 3339 may round, and a rounded {@code startsAt} would be another episode).
 */
final class AlertCodec {
  private AlertCodec() {}

  static final ObjectMapper MAPPER = new ObjectMapper();

  static ObjectNode toJson(Alert a) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("status", a.status().name());
    o.set("labels", map(a.labels()));
    o.set("annotations", map(a.annotations()));
    o.put("startsAt", a.startsAt());
    o.put("endsAt", a.endsAt());
    o.put("generatorURL", a.generatorURL());
    o.put("fingerprint", a.fingerprint());
    return o;
  }

  static Alert fromJson(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("an alert must be an object");
    }
    return new Alert(
        AlertStatus.valueOf(n.path("status").asText().toUpperCase(Locale.ROOT)),
        sorted(n.path("labels")),
        sorted(n.path("annotations")),
        n.path("startsAt").asLong(),
        n.path("endsAt").asLong(),
        n.path("generatorURL").asText(""),
        n.path("fingerprint").asText());
  }

  static ObjectNode map(Map<String, String> m) {
    ObjectNode o = MAPPER.createObjectNode();
    m.forEach(o::put);
    return o;
  }

  static SortedMap<String, String> sorted(JsonNode n) {
    SortedMap<String, String> m = new TreeMap<>();
    n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }
}
