package io.cscmon.core.manager;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The group an alert is notified in: its values of the group-by labels, and the group key string in
 * Alertmanager's format {@code {}:{alertname="X", center="Y"}} (route path, then the group labels
 * quoted like Go's {@code %q}). Receivers that deduplicate incidents by {@code groupKey} work as
 * they do with Alertmanager.
 */
public record GroupKey(SortedMap<String, String> labels, String key) {

  /** Alerts of the same rule in the same center are one incident for the receiver. */
  public static final List<String> GROUP_BY = List.of(Labels.ALERTNAME, Labels.CENTER);

  /** The root route's path; a later routing tree gives each route its own. */
  static final String ROOT_ROUTE = "{}";

  public static GroupKey of(Alert alert) {
    return of(ROOT_ROUTE, GROUP_BY, alert);
  }

  /**
   * The group of {@code alert} under the route with key {@code routeKey} that groups by {@code
   * groupBy}; {@code groupBy} of {@code ["..."]} groups by all labels, as in Alertmanager.
   */
  public static GroupKey of(String routeKey, List<String> groupBy, Alert alert) {
    SortedMap<String, String> labels = new TreeMap<>();
    if (groupBy.contains(Route.GROUP_BY_ALL)) {
      labels.putAll(alert.labels());
    } else {
      for (String name : groupBy) {
        String value = alert.label(name);
        if (value != null && !value.isEmpty()) {
          labels.put(name, value);
        }
      }
    }
    StringBuilder key = new StringBuilder(routeKey).append(":{");
    String sep = "";
    for (var e : labels.entrySet()) {
      key.append(sep).append(e.getKey()).append('=');
      quote(key, e.getValue());
      sep = ", ";
    }
    return new GroupKey(labels, key.append('}').toString());
  }

  static void quote(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
