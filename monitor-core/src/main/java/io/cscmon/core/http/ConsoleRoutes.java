package io.cscmon.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.manager.Ack;
import io.cscmon.core.manager.Acks;
import io.cscmon.core.manager.AlertHistory;
import io.cscmon.core.manager.AlertQuery;
import io.cscmon.core.manager.Silences;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The on-call console (issue 13): its static files under {@code /ui/} (plain ES modules from the
 * classpath folder {@code ui/}, no build step, nothing loaded from elsewhere at run time) and the
 * read-only endpoints only it needs. Everything it changes goes through the ordinary API (silences,
 * acks), so it needs no rights of its own. Mount with {@link
 * ApiServer#withRoutes(java.util.function.Consumer)}.
 */
public final class ConsoleRoutes {

  public static final String UI = "/ui/";
  public static final String UI_FILE = "/ui/:file";

  /** The runbook, rendered; alerts' runbook links point here ({@code RunbookLinks}). */
  public static final String RUNBOOK = "/ui/runbook";

  /** Firing alerts with what the console needs beside them: silenced by whom, acknowledged. */
  public static final String CONSOLE_ALERTS = "/api/v1/console/alerts";

  public static final String HISTORY = "/api/v1/alerts/:fingerprint/history";
  public static final String TIMELINE = "/api/v1/emergencies/timeline";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*\\.(html|js|css)");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8");

  /**
   * Scripts and styles from this origin only: no inline script, no CDN, no frame — the console
   * shows alert texts, which come from the outside.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none';"
          + " form-action 'none'";

  private final AlertQuery alerts;
  private final Silences silences;
  private final Acks acks;
  private final AlertHistory history;
  private final AlertJson alertJson;
  private final BearerAuth auth;
  private final Map<String, Optional<byte[]>> files = new ConcurrentHashMap<>();

  /**
   * @param auth the API's tokens: the console's data needs a viewer's, like every other read; the
   *     page itself is open (it holds no data, and it is where the token is typed)
   */
  public ConsoleRoutes(
      AlertQuery alerts,
      Silences silences,
      Acks acks,
      AlertHistory history,
      AlertJson alertJson,
      BearerAuth auth) {
    this.auth = auth;
    this.alerts = alerts;
    this.silences = silences;
    this.acks = acks;
    this.history = history;
    this.alertJson = alertJson;
  }

  /**
   * The console's route table: the page and its files are open (they hold no data, and the page is
   * where the token is typed), its data needs a viewer's token like every other read. {@code
   * openapi.yaml} documents these beside the API's own (a test holds them equal).
   */
  List<ApiRoute> routeTable() {
    return List.of(
        // Vert.x matches "/ui" and "/ui/" alike; the handler tells them apart.
        ApiRoute.open(HttpMethod.GET, "/ui", this::index),
        ApiRoute.open(HttpMethod.GET, RUNBOOK, this::runbook),
        ApiRoute.open(HttpMethod.GET, UI_FILE, this::file),
        ApiRoute.read(Role.VIEWER, CONSOLE_ALERTS, this::consoleAlerts),
        ApiRoute.read(Role.VIEWER, HISTORY, this::history),
        ApiRoute.read(Role.VIEWER, TIMELINE, this::timeline));
  }

  public void mount(Router router) {
    for (ApiRoute r : routeTable()) {
      io.vertx.ext.web.Route route = router.route(r.method(), r.path());
      if (r.role() != null) {
        route.handler(auth.require(r.role()));
      }
      route.handler(r.handler());
    }
  }

  /** The page; {@code /ui} redirects to {@code /ui/} so that the page's relative links work. */
  private void index(RoutingContext ctx) {
    if (ctx.request().path().endsWith("/")) {
      serve(ctx, "index.html");
    } else {
      ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, UI).end();
    }
  }

  private void runbook(RoutingContext ctx) {
    byte[] page =
        files
            .computeIfAbsent(
                "/runbook", // not a file name: /ui/runbook.html stays a 404
                n -> Optional.of(RunbookPage.html().getBytes(StandardCharsets.UTF_8)))
            .orElseThrow();
    send(ctx, "html", page);
  }

  private void file(RoutingContext ctx) {
    serve(ctx, ctx.pathParam("file"));
  }

  private void serve(RoutingContext ctx, String name) {
    Optional<byte[]> bytes =
        FILE_NAME.matcher(name).matches()
            ? files.computeIfAbsent(name, ConsoleRoutes::load)
            : Optional.empty();
    if (bytes.isEmpty()) {
      Responses.error(ctx, 404, "no console file " + name);
      return;
    }
    send(ctx, name.substring(name.lastIndexOf('.') + 1), bytes.get());
  }

  private static void send(RoutingContext ctx, String ext, byte[] bytes) {
    ctx.response()
        .setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, TYPES.get(ext))
        // Small files; always revalidated so that an upgrade shows at the next reload.
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .end(io.vertx.core.buffer.Buffer.buffer(bytes));
  }

  private static Optional<byte[]> load(String name) {
    try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/ui/" + name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("reading console file ui/" + name, e);
    }
  }

  /**
   * {@code {"status":"success","data":[{"alert":{…}, "silencedBy":[ids], "inhibited":bool,
   * "ack":{…}|null}]}}: the firing alerts, newest first; with {@code ?active=false} the recently
   * resolved ones after them.
   */
  private void consoleAlerts(RoutingContext ctx) {
    boolean onlyActive = !"false".equalsIgnoreCase(ctx.queryParams().get("active"));
    List<Alert> list = onlyActive ? alerts.active() : alerts.all();
    ArrayNode data = MAPPER.createArrayNode();
    for (Alert a : list) {
      ObjectNode row = data.addObject();
      row.set("alert", alertNode(a));
      ArrayNode silencedBy = row.putArray("silencedBy");
      if (a.isFiring()) {
        silences.mutedBy(a.labels()).forEach(silencedBy::add);
      }
      row.set("ack", acks.of(a).<JsonNode>map(this::ackNode).orElse(null));
      row.put("inhibited", a.isFiring() && alerts.inhibited(a));
    }
    success(ctx, data);
  }

  /**
   * {@code {"data":{"fingerprint", "changes":[{"receivedAt","kind","alert"}], "ack"}}}: the alert's
   * state changes as the alert manager took them, oldest first; 404 for an alert it does not
   * remember.
   */
  private void history(RoutingContext ctx) {
    String fingerprint = ctx.pathParam("fingerprint");
    List<AlertHistory.Entry> changes = history.of(fingerprint);
    if (changes.isEmpty()) {
      Responses.error(ctx, 404, "no history of an alert with fingerprint " + fingerprint);
      return;
    }
    ObjectNode data = MAPPER.createObjectNode().put("fingerprint", fingerprint);
    ArrayNode list = data.putArray("changes");
    for (AlertHistory.Entry e : changes) {
      ObjectNode row = list.addObject();
      row.put("receivedAt", time(e.receivedAt()));
      row.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
      row.set("alert", alertNode(e.alert()));
    }
    Alert latest = changes.get(changes.size() - 1).alert();
    data.set("ack", acks.of(latest).<JsonNode>map(this::ackNode).orElse(null));
    success(ctx, data);
  }

  /**
   * {@code {"data":{"active":{center: level}, "timeline":[{center, from, to, at, receivedAt,
   * fingerprint, alertname}]}}}: when each center's highest firing emergency level changed, newest
   * first.
   */
  private void timeline(RoutingContext ctx) {
    ObjectNode data = MAPPER.createObjectNode();
    ObjectNode active = data.putObject("active");
    history.activeLevels().forEach((center, level) -> active.put(center, level.label()));
    ArrayNode list = data.putArray("timeline");
    List<AlertHistory.Activation> all = history.timeline();
    for (int i = all.size() - 1; i >= 0; i--) {
      AlertHistory.Activation a = all.get(i);
      list.addObject()
          .put("center", a.center())
          .put("from", a.from().label())
          .put("to", a.to().label())
          .put("raised", a.raised())
          .put("at", time(a.at()))
          .put("receivedAt", time(a.receivedAt()))
          .put("fingerprint", a.causeFingerprint())
          .put("alertname", a.causeAlertname());
    }
    success(ctx, data);
  }

  private JsonNode alertNode(Alert a) {
    try {
      return MAPPER.readTree(alertJson.encode(a));
    } catch (IOException e) {
      throw new UncheckedIOException("re-reading an encoded alert", e);
    }
  }

  private ObjectNode ackNode(Ack a) {
    return MAPPER
        .createObjectNode()
        .put("by", a.by())
        .put("comment", a.comment())
        .put("at", time(a.at()));
  }

  private String time(long epochMs) {
    ZoneId zone = alertJson.zone();
    return AlertTime.format(epochMs, zone);
  }

  private static void success(RoutingContext ctx, JsonNode data) {
    ObjectNode body = MAPPER.createObjectNode().put("status", "success");
    body.set("data", data);
    Responses.json(ctx, 200, body.toString());
  }
}
