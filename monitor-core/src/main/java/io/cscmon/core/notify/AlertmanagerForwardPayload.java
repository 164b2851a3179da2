package io.cscmon.core.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.WebhookMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Forwards the alerts of each notification to a real Alertmanager ({@code POST /api/v2/alerts}),
 * for teams already on one: it then does its own grouping, silencing and routing. A resolved alert
 * is sent with its {@code endsAt}; a firing one with {@code endsAt} = now + {@code hold}, since
 * Alertmanager resolves an alert by itself when that time passes without the alert being sent again
 * (as Prometheus sets it to four evaluation intervals). Keep the route's {@code repeat_interval}
 * below {@code hold}.
 *
 * <p>Alertmanager knows an alert by all its labels, while cscmon re-levels an alert in place (the
 * same fingerprint, a new {@code emergency_level} and {@code severity}): forwarded as is, each
 * level stayed active beside the next until its {@code hold} ran out. So this payload remembers,
 * per fingerprint, the labels it last forwarded firing, and sends those as resolved when the labels
 * change. In memory: after a restart the first change leaves the older label set to time out.
 */
public final class AlertmanagerForwardPayload implements Payload {

  public static final String PATH = "/api/v2/alerts";
  public static final Duration DEFAULT_HOLD = Duration.ofHours(5);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Clock clock;
  private final Duration hold;

  /** The labels each fingerprint was last forwarded firing with. */
  private final Map<String, Map<String, String>> forwarded = new java.util.HashMap<>();

  public AlertmanagerForwardPayload(Clock clock, Duration hold) {
    this.clock = clock;
    this.hold = hold;
  }

  /** The Alertmanager's base URL (e.g. {@code http://am:9093}) made into its alerts endpoint. */
  public static URI endpoint(URI base) {
    String s = base.toString();
    if (s.endsWith(PATH)) {
      return base;
    }
    return URI.create(s.replaceAll("/+$", "") + PATH);
  }

  @Override
  public synchronized String body(WebhookMessage m) {
    ArrayNode alerts = MAPPER.createArrayNode();
    long now = clock.millis();
    long until = now + hold.toMillis();
    for (Alert a : m.alerts()) {
      Map<String, String> before =
          a.isFiring()
              ? forwarded.put(a.fingerprint(), a.labels())
              : forwarded.remove(a.fingerprint());
      if (before != null && !before.equals(a.labels())) {
        // The alert under its former labels (another level) ends now in Alertmanager.
        add(alerts, a, before, Math.max(now, a.startsAt()));
      }
      add(alerts, a, a.labels(), a.isFiring() ? until : a.endsAt());
    }
    return alerts.toString();
  }

  /** {@code a} as an Alertmanager alert object with {@code labels}, ending at {@code endsAt}. */
  private static void add(ArrayNode alerts, Alert a, Map<String, String> labels, long endsAt) {
    ObjectNode o = alerts.addObject();
    put(o.putObject("labels"), labels);
    put(o.putObject("annotations"), a.annotations());
    o.put("startsAt", AlertTime.format(a.startsAt(), ZoneOffset.UTC));
    o.put("endsAt", AlertTime.format(endsAt, ZoneOffset.UTC));
    o.put("generatorURL", a.generatorURL());
  }

  private static void put(ObjectNode node, Map<String, String> map) {
    map.forEach(node::put);
  }
}
