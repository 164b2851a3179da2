package io.cscmon.core.notify;

import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.WebhookMessage;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The generic JSON receiver: {@code {"receiver", "status", "groupKey", "groupLabels", "alerts":
 * [alert objects]}}, each alert exactly as CONTRACT §2 and {@code GET /api/v1/alerts} write it,
 * with the configured extra headers (an API key of the system behind the URL, say).
 */
public final class JsonPayload implements Payload {

  /** Headers a configuration may not set: the notifier's own, and those HTTP itself manages. */
  static final Set<String> RESERVED =
      Set.of(
          "content-type",
          "content-length",
          "host",
          "connection",
          "expect",
          "upgrade",
          "transfer-encoding",
          "webhook-id",
          "webhook-timestamp",
          "webhook-signature");

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final AlertJson json;
  private final Map<String, String> headers;

  /**
   * @throws IllegalArgumentException naming a header that is not a valid name or value, or that is
   *     reserved
   */
  public JsonPayload(AlertJson json, Map<String, String> headers) {
    this.json = json;
    this.headers = Map.copyOf(check(headers));
  }

  static Map<String, String> check(Map<String, String> headers) {
    Map<String, String> out = new TreeMap<>();
    headers.forEach(
        (name, value) -> {
          if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("headers: '" + name + "' is not a header name");
          }
          if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("headers." + name + ": set by cscmon itself");
          }
          if (value == null || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw new IllegalArgumentException(
                "headers." + name + ": the value must be one line of text");
          }
          out.put(name, value);
        });
    return out;
  }

  @Override
  public String body(WebhookMessage m) {
    StringBuilder b = new StringBuilder(256 + 512 * m.alerts().size());
    b.append("{\"receiver\":").append(quote(m.receiver()));
    b.append(",\"status\":").append(quote(m.status().wireName()));
    b.append(",\"groupKey\":").append(quote(m.groupKey()));
    b.append(",\"groupLabels\":{");
    String sep = "";
    for (var e : new TreeMap<>(m.groupLabels()).entrySet()) {
      b.append(sep).append(quote(e.getKey())).append(':').append(quote(e.getValue()));
      sep = ",";
    }
    b.append("},\"alerts\":[");
    for (int i = 0; i < m.alerts().size(); i++) {
      b.append(i > 0 ? "," : "").append(json.encode(m.alerts().get(i)));
    }
    return b.append("]}").toString();
  }

  @Override
  public Map<String, String> headers(String webhookId, String body, long nowMillis) {
    return headers;
  }

  private static String quote(String s) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
  }

  @Override
  public String toString() {
    return "JsonPayload[headers=" + headers.keySet() + "]"; // values may be credentials
  }
}
