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
 */
public final class AlertmanagerForwardPayload implements Payload {

  public static final String PATH = "/api/v2/alerts";
  public static final Duration DEFAULT_HOLD = Duration.ofHours(5);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Clock clock;
  private final Duration hold;

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
  public String body(WebhookMessage m) {
    ArrayNode alerts = MAPPER.createArrayNode();
    long until = clock.millis() + hold.toMillis();
    for (Alert a : m.alerts()) {
      ObjectNode o = alerts.addObject();
      put(o.putObject("labels"), a.labels());
      put(o.putObject("annotations"), a.annotations());
      o.put("startsAt", AlertTime.format(a.startsAt(), ZoneOffset.UTC));
      o.put("endsAt", AlertTime.format(a.isFiring() ? until : a.endsAt(), ZoneOffset.UTC));
      o.put("generatorURL", a.generatorURL());
    }
    return alerts.toString();
  }

  private static void put(ObjectNode node, Map<String, String> map) {
    map.forEach(node::put);
  }
}
