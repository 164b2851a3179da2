package io.cscmon.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.ingest.IngestResult;
import io.cscmon.core.ingest.LineSink;
import io.cscmon.core.ingest.NdjsonIngest;
import io.cscmon.core.manager.Ack;
import io.cscmon.core.manager.Acks;
import io.cscmon.core.manager.AlertQuery;
import io.cscmon.core.manager.EmergencyActivations;
import io.cscmon.core.manager.Silence;
import io.cscmon.core.manager.Silences;
import io.cscmon.core.metrics.IngestMetrics;
import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.Rejection;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoints of CONTRACT §3: event ingest, the alert list, Prometheus metrics and health;
 * and the alert manager's: silences (Alertmanager API v2 shapes) and acknowledgements. Work that
 * grows with the request (parsing a body of up to {@link ApiConfig#maxBodyBytes()}, a scrape) runs
 * on Vert.x worker threads; the event loop only moves bytes.
 */
public final class ApiServer {

  public static final String EVENTS = "/api/v1/events";
  public static final String ALERTS = "/api/v1/alerts";
  public static final String METRICS = "/metrics";
  public static final String LIVE = "/health/live";
  public static final String READY = "/health/ready";
  public static final String SILENCES = "/api/v1/silences";
  public static final String SILENCE = "/api/v1/silences/:id";
  public static final String ACK = "/api/v1/alerts/:fingerprint/ack";
  public static final String ACKS = "/api/v1/acks";
  public static final String WHOAMI = "/api/v1/whoami";
  public static final String RULES_RELOAD = "/api/v1/rules/reload";
  public static final String OPENAPI = "/api/v1/openapi.yaml";
  public static final String AUDIT = "/api/v1/audit";
  public static final String EMERGENCIES = "/api/v1/emergencies";
  public static final String EMERGENCY_STATE = "/api/v1/emergencies/:id/state";

  /** Where a handler names what it changed when the path does not (a new silence's id). */
  static final String AUDIT_TARGET = "cscmon.audit.target";

  /** The OpenAPI 3 document of {@link #routeTable()}, a resource beside this class. */
  static final String OPENAPI_RESOURCE = "openapi.yaml";

  /** Largest JSON body of a mutating call (a silence, an ack). */
  static final long MAX_COMMAND_BYTES = 64 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Prometheus text exposition format 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final Vertx vertx;
  private final ApiConfig config;
  private final NdjsonIngest ingest;
  private final AlertQuery alerts;
  private final AlertJson alertJson;
  private final PrometheusMeterRegistry registry;
  private final Readiness ready;
  private final Silences silences;
  private final Acks acks;

  /** Who may call what; none until {@link #withTokens} says otherwise: mutations are never open. */
  private volatile BearerAuth auth = new BearerAuth(Tokens.none());

  /** Default most connections open at once; far above what the center's systems open. */
  public static final int DEFAULT_MAX_CONNECTIONS = 1000;

  /** The PEM certificate chain and private key of HTTPS. */
  public record Tls(java.nio.file.Path cert, java.nio.file.Path key) {}

  private volatile Tls tls;
  private volatile int maxConnections = DEFAULT_MAX_CONNECTIONS;
  private volatile IngestLimit ingestLimit = IngestLimit.defaults();
  private final HttpMetrics httpMetrics;

  private volatile AuditLog audit = new AuditLog(Clock.systemUTC());

  /** In memory until {@link #withEmergencies} gives the service's store. */
  private volatile EmergencyRoutes emergencies;

  private volatile Handler<RoutingContext> rulesReload = ApiServer::noRulesToReload;

  private volatile HttpServer server;
  private final List<java.util.function.Consumer<Router>> extraRoutes =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * @param parser validates each input line (shared, thread-safe)
   * @param sink takes the accepted lines
   * @param ingestMetrics counts accepted and rejected lines
   * @param alerts the alert manager's state
   * @param alertJson encodes alerts exactly as webhooks and replay output do
   * @param registry scraped by {@code GET /metrics}
   * @param ready whether the pipeline can take events; {@code GET /health/ready} answers 503, with
   *     the reason, until it can
   * @param silences what {@code /api/v1/silences} shows and changes
   * @param acks where {@code POST /api/v1/alerts/{fingerprint}/ack} records who took an alert
   */
  public ApiServer(
      Vertx vertx,
      ApiConfig config,
      EventParser parser,
      LineSink sink,
      IngestMetrics ingestMetrics,
      AlertQuery alerts,
      AlertJson alertJson,
      PrometheusMeterRegistry registry,
      Readiness ready,
      Silences silences,
      Acks acks) {
    this.silences = silences;
    this.acks = acks;
    this.vertx = vertx;
    this.config = config;
    this.ingest = new NdjsonIngest(parser, sink, ingestMetrics);
    this.alerts = alerts;
    this.alertJson = alertJson;
    this.registry = registry;
    this.ready = ready;
    this.httpMetrics = new HttpMetrics(registry);
    this.emergencies =
        new EmergencyRoutes(new EmergencyActivations(Clock.systemUTC()), alertJson.zone());
  }

  /** Where {@code /api/v1/emergencies} reads and moves the emergency activations. */
  public ApiServer withEmergencies(EmergencyActivations store) {
    this.emergencies = new EmergencyRoutes(store, alertJson.zone());
    return this;
  }

  /** HTTPS with this PEM certificate and key, instead of HTTP. Takes effect at {@link #start()}. */
  public ApiServer withTls(Tls pem) {
    this.tls = pem;
    return this;
  }

  /**
   * The most connections open at once; a request on a connection beyond them is answered 503 and
   * the connection closed. Takes effect at {@link #start()}.
   */
  public ApiServer withMaxConnections(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max connections must be at least 1");
    }
    this.maxConnections = max;
    return this;
  }

  /** Events per second per client on the ingest; {@link IngestLimit#defaults()} without this. */
  public ApiServer withIngestLimit(IngestLimit limit) {
    this.ingestLimit = limit;
    return this;
  }

  /**
   * The route table: every endpoint, who may call it, and its handler. A route with a role needs a
   * bearer token of at least that role; the contract's endpoints are open unless the tokens file
   * says otherwise. {@code openapi.yaml} documents exactly these routes (a test holds them equal).
   */
  List<ApiRoute> routeTable() {
    return List.of(
        new ApiRoute(
            HttpMethod.POST,
            EVENTS,
            Role.OPERATOR,
            true,
            config.maxBodyBytes(),
            null,
            this::ingestEvents),
        new ApiRoute(HttpMethod.GET, ALERTS, Role.VIEWER, true, 0, null, this::listAlerts),
        new ApiRoute(HttpMethod.GET, METRICS, Role.VIEWER, true, 0, null, this::scrape),
        ApiRoute.open(HttpMethod.GET, LIVE, this::live),
        ApiRoute.open(HttpMethod.GET, READY, this::ready),
        ApiRoute.open(HttpMethod.GET, OPENAPI, this::openApi),
        ApiRoute.read(Role.VIEWER, WHOAMI, this::whoami),
        ApiRoute.read(Role.VIEWER, SILENCES, this::listSilences),
        ApiRoute.read(Role.VIEWER, SILENCE, this::getSilence),
        ApiRoute.read(Role.VIEWER, ACKS, this::listAcks),
        ApiRoute.read(Role.VIEWER, AUDIT, this::listAudit),
        ApiRoute.read(Role.VIEWER, EMERGENCIES, ctx -> emergencies.list(ctx)),
        ApiRoute.change(
            Role.OPERATOR,
            HttpMethod.POST,
            SILENCES,
            MAX_COMMAND_BYTES,
            "silence.save",
            this::saveSilence),
        ApiRoute.change(
            Role.OPERATOR, HttpMethod.DELETE, SILENCE, 0, "silence.expire", this::expireSilence),
        ApiRoute.change(
            Role.OPERATOR, HttpMethod.POST, ACK, MAX_COMMAND_BYTES, "alert.ack", this::ack),
        ApiRoute.change(
            Role.OPERATOR,
            HttpMethod.POST,
            EMERGENCY_STATE,
            MAX_COMMAND_BYTES,
            "emergency.state",
            ctx -> emergencies.changeState(ctx)),
        ApiRoute.change(
            Role.OPERATOR,
            HttpMethod.POST,
            RULES_RELOAD,
            MAX_COMMAND_BYTES,
            "rules.reload",
            this::reloadRules));
  }

  private Router routes() {
    Router router = Router.router(vertx);
    BearerAuth guard = auth;
    for (ApiRoute r : routeTable()) {
      Role required = r.required(guard.tokens());
      if (required != null) {
        // A route of its own, before the body is read: an unauthenticated caller cannot make the
        // server buffer 16 MiB. The guard decides synchronously, so no body bytes are missed.
        on(router, r).handler(guard.require(required));
      }
      if (r.action() != null) {
        on(router, r).handler(ctx -> audited(ctx, r.action()));
      }
      io.vertx.ext.web.Route route = on(router, r);
      if (EVENTS.equals(r.path())) {
        // NDJSON whatever the Content-Type: curl's default form label must not turn it into a 400.
        route.handler(new NdjsonBody());
      }
      if (r.bodyLimit() > 0) {
        route.handler(BodyHandler.create(false).setBodyLimit(r.bodyLimit()));
      }
      route.handler(r.handler());
    }
    // Routes mounted by other components: whatever they add that changes state needs an operator.
    Handler<RoutingContext> operator = guard.require(Role.OPERATOR);
    router.route().handler(onChanges(operator));
    router
        .route()
        .handler(
            onChanges(
                ctx -> audited(ctx, ctx.request().method().name() + " " + ctx.request().path())));
    extraRoutes.forEach(mount -> mount.accept(router));

    router.errorHandler(404, ctx -> Responses.error(ctx, 404, "no such endpoint"));
    router.errorHandler(405, ctx -> Responses.error(ctx, 405, "method not allowed"));
    router.errorHandler(
        413,
        ctx ->
            Responses.error(
                ctx, 413, "request body is larger than " + config.maxBodyBytes() + " bytes"));
    router.errorHandler(500, this::internalError);
    return router;
  }

  /**
   * A route for {@code r}; a read answers HEAD too (RFC 9110: the same status and headers as GET,
   * no body, which Vert.x leaves out), as load balancers and uptime checks probe with it.
   */
  private static io.vertx.ext.web.Route on(Router router, ApiRoute r) {
    io.vertx.ext.web.Route route = router.route(r.path()).method(r.method());
    return r.method() == HttpMethod.GET ? route.method(HttpMethod.HEAD) : route;
  }

  /**
   * The bearer tokens the API accepts. Without this call it accepts none, and every call that needs
   * a token is refused. Takes effect at {@link #start()}.
   */
  public ApiServer withTokens(Tokens tokens) {
    this.auth = new BearerAuth(tokens);
    return this;
  }

  /**
   * Where changing calls are recorded ({@code STATE_DIR/audit.ndjson} in the service); without this
   * call they are kept in memory only.
   */
  public ApiServer withAuditLog(AuditLog log) {
    this.audit = log;
    return this;
  }

  /**
   * Writes the audit entry of this changing call when its answer is sent, with the answer's status
   * (a refused change is recorded too: someone tried).
   */
  private void audited(RoutingContext ctx, String action) {
    Principal who = BearerAuth.caller(ctx).orElse(null);
    String fromPath = String.join("/", ctx.pathParams().values());
    io.vertx.core.net.SocketAddress peer = ctx.request().remoteAddress();
    String remote = peer == null ? "" : peer.hostAddress();
    AuditLog log = audit;
    ctx.addEndHandler(
        done -> {
          String target = ctx.get(AUDIT_TARGET, fromPath);
          int status = ctx.response().getStatusCode();
          // Forced to disk: off the event loop, in call order.
          vertx
              .executeBlocking(() -> log.record(who, action, target, remote, status), true)
              .onFailure(e -> LOG.error("audit entry for {} {} not written", action, target, e));
        });
    ctx.next();
  }

  /** {@code ?limit=N} (default 100): the latest changes, newest first. */
  private void listAudit(RoutingContext ctx) {
    String text = ctx.queryParams().get("limit");
    int limit;
    try {
      limit = text == null ? 100 : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      Responses.error(ctx, 400, "limit must be a whole number");
      return;
    }
    if (limit < 1 || limit > AuditLog.KEPT_IN_MEMORY) {
      Responses.error(ctx, 400, "limit must be within 1.." + AuditLog.KEPT_IN_MEMORY);
      return;
    }
    ArrayNode data = MAPPER.createArrayNode();
    for (AuditLog.Entry e : audit.latest(limit)) {
      data.add(
          MAPPER
              .createObjectNode()
              .put("time", e.time())
              .put("token", e.token())
              .put("role", e.role())
              .put("action", e.action())
              .put("target", e.target())
              .put("remote", e.remote())
              .put("status", e.status()));
    }
    success(ctx, 200, data);
  }

  /**
   * What {@code POST /api/v1/rules/reload} does (it needs an operator's token); without this call
   * it answers 409, the service running built-in rules.
   */
  public ApiServer withRulesReload(Handler<RoutingContext> handler) {
    this.rulesReload = handler;
    return this;
  }

  /** Keeps the lines the ingest rejects in a dead-letter file. */
  public ApiServer withRejectedLines(io.cscmon.core.ingest.RejectedLines file) {
    ingest.keepRejectedLinesIn(file);
    return this;
  }

  /** Routes of other components (e.g. the rules reload), mounted when the server starts. */
  public ApiServer withRoutes(java.util.function.Consumer<Router> mount) {
    extraRoutes.add(mount);
    return this;
  }

  /** Binds; the future holds the bound port (the ephemeral one when the config says 0). */
  public Future<Integer> start() {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setPort(config.port())
            // Senders may gzip NDJSON; the body limit applies to the inflated bytes.
            .setDecompressionSupported(true)
            // Plain HTTP/1.1: a client offering an h2c upgrade (Java's HttpClient does by default)
            // is answered in HTTP/1.1. A test's request with that offer once went unanswered.
            .setHttp2ClearTextEnabled(false);
    if (tls != null) {
      options
          .setSsl(true)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setCertPath(tls.cert().toString())
                  .setKeyPath(tls.key().toString()));
    }
    Router router = routes();
    int max = maxConnections;
    return vertx
        .createHttpServer(options)
        .connectionHandler(
            connection -> {
              httpMetrics.connections.incrementAndGet();
              connection.closeHandler(v -> httpMetrics.connections.decrementAndGet());
            })
        .requestHandler(
            request -> {
              if (httpMetrics.connections.get() > max) {
                // Answered rather than dropped, so the client knows why; then the connection goes.
                httpMetrics.connectionRefused();
                request
                    .response()
                    .setStatusCode(503)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .putHeader(HttpHeaders.RETRY_AFTER, "1")
                    .putHeader(HttpHeaders.CONTENT_TYPE, Responses.JSON)
                    .end(
                        new JsonObject()
                            .put("status", "error")
                            .put("error", "the server has its maximum of " + max + " connections")
                            .encode())
                    .onComplete(v -> request.connection().close());
                return;
              }
              router.handle(request);
            })
        .listen()
        .map(
            s -> {
              server = s;
              LOG.info(
                  "HTTP API listening on {}://{}:{}",
                  tls == null ? "http" : "https",
                  config.host(),
                  s.actualPort());
              return s.actualPort();
            });
  }

  public Future<Void> stop() {
    HttpServer s = server;
    server = null;
    return s == null ? Future.succeededFuture() : s.close();
  }

  private void ingestEvents(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    io.vertx.core.net.SocketAddress peer = ctx.request().remoteAddress();
    long wait = ingestLimit.take(peer == null ? "" : peer.hostAddress(), lines(bytes));
    if (wait > 0) {
      httpMetrics.rateLimited();
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
      Responses.error(
          ctx,
          429,
          "more than "
              + (long) ingestLimit.eventsPerSecond()
              + " events/s from this client; nothing of this request was taken, send it again in "
              + wait
              + " s");
      return;
    }
    // Unordered: concurrent requests parse in parallel on the worker pool.
    vertx
        .executeBlocking(() -> ingest.ingest(bytes), false)
        .onSuccess(result -> answerIngest(ctx, result))
        .onFailure(ctx::fail);
  }

  /** Lines in an NDJSON body: its newlines, and a last line without one. */
  static long lines(byte[] body) {
    long n = 0;
    for (byte b : body) {
      if (b == '\n') {
        n++;
      }
    }
    return body.length > 0 && body[body.length - 1] != '\n' ? n + 1 : n;
  }

  private void answerIngest(RoutingContext ctx, IngestResult result) {
    if (result instanceof IngestResult.Accepted a) {
      Responses.json(ctx, 202, ingestBody(a));
      return;
    }
    long seconds = Math.max(1, (config.retryAfter().toMillis() + 999) / 1000);
    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    if (result instanceof IngestResult.Unavailable u) {
      // Not "full": the store is down, and the on-call has to look there, not at the job.
      Responses.error(
          ctx, 503, u.reason() + "; nothing of this request was taken, send it again later");
    } else {
      Responses.error(ctx, 503, "the pipeline is full; send the same request again later");
    }
  }

  private JsonObject ingestBody(IngestResult.Accepted a) {
    JsonArray rejected = new JsonArray();
    List<Rejection> listed =
        a.rejected().subList(0, Math.min(a.rejected().size(), config.maxListedRejections()));
    for (Rejection r : listed) {
      rejected.add(
          new JsonObject()
              .put("line", r.line())
              .put("field", r.field())
              .put("reason", r.reason().wireName())
              .put("message", r.message()));
    }
    return new JsonObject()
        .put("accepted", a.accepted())
        .put("rejected", rejected)
        .put("rejected_total", a.rejected().size());
  }

  /**
   * Alertmanager's v1 list; {@code ?active=false} adds the recently resolved alerts; the other
   * parameters filter ({@link AlertFilter}).
   */
  private void listAlerts(RoutingContext ctx) {
    AlertFilter filter;
    try {
      filter = AlertFilter.parse(ctx.queryParams(), silences, acks, alerts);
    } catch (IllegalArgumentException e) {
      Responses.error(ctx, 400, e.getMessage());
      return;
    }
    List<Alert> list = filter.includeResolved() ? alerts.all() : alerts.active();
    list = list.stream().filter(filter::test).toList();
    StringBuilder body = new StringBuilder(64 + 512 * list.size());
    body.append("{\"status\":\"success\",\"data\":[");
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append(alertJson.encode(list.get(i)));
    }
    Responses.json(ctx, 200, body.append("]}").toString());
  }

  /** {@code handler} for the requests that may change state; reads go on untouched. */
  private static Handler<RoutingContext> onChanges(Handler<RoutingContext> handler) {
    return ctx -> {
      HttpMethod m = ctx.request().method();
      if (m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS) {
        ctx.next();
      } else {
        handler.handle(ctx);
      }
    };
  }

  private void listSilences(RoutingContext ctx) {
    ArrayNode data = MAPPER.createArrayNode();
    for (Silence s : silences.list()) {
      data.add(silences.toJson(s));
    }
    success(ctx, 200, data);
  }

  private void getSilence(RoutingContext ctx) {
    answerSilence(ctx, silences::get);
  }

  /** Alertmanager's {@code POST /api/v2/silences}: creates, or edits when the body has an id. */
  private void saveSilence(RoutingContext ctx) {
    Silence saved;
    try {
      saved = silences.save(silences.fromJson(jsonBody(ctx)));
    } catch (NoSuchElementException e) {
      Responses.error(ctx, 404, e.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      Responses.error(ctx, 400, e.getMessage());
      return;
    }
    ctx.put(AUDIT_TARGET, saved.id());
    LOG.info("silence {} saved by {}: {}", saved.id(), saved.createdBy(), saved.matchers());
    success(ctx, 200, MAPPER.createObjectNode().put("silenceID", saved.id()));
  }

  private void expireSilence(RoutingContext ctx) {
    answerSilence(ctx, silences::expire);
  }

  /** The silence {@code action} answers for the path's id, or 404 when there is none. */
  private void answerSilence(RoutingContext ctx, Function<String, Optional<Silence>> action) {
    String id = ctx.pathParam("id");
    action
        .apply(id)
        .ifPresentOrElse(
            s -> success(ctx, 200, silences.toJson(s)),
            () -> Responses.error(ctx, 404, "no silence " + id));
  }

  /** {@code {"by": "who", "comment": "..."}}: someone takes the firing alert; escalation stops. */
  private void ack(RoutingContext ctx) {
    String fingerprint = ctx.pathParam("fingerprint");
    JsonNode body;
    try {
      body = jsonBody(ctx);
    } catch (IllegalArgumentException e) {
      Responses.error(ctx, 400, e.getMessage());
      return;
    }
    Alert alert =
        alerts.active().stream()
            .filter(a -> a.fingerprint().equals(fingerprint))
            .findFirst()
            .orElse(null);
    if (alert == null) {
      Responses.error(ctx, 404, "no firing alert with fingerprint " + fingerprint);
      return;
    }
    try {
      Ack ack = acks.ack(alert, body.path("by").asText(""), body.path("comment").asText(""));
      LOG.info("alert {} ({}) acknowledged by {}", alert.alertname(), fingerprint, ack.by());
      success(ctx, 200, ackJson(ack));
    } catch (IllegalArgumentException e) {
      Responses.error(ctx, 400, e.getMessage());
    }
  }

  private void listAcks(RoutingContext ctx) {
    ArrayNode data = MAPPER.createArrayNode();
    acks.list().forEach(a -> data.add(ackJson(a)));
    success(ctx, 200, data);
  }

  private ObjectNode ackJson(Ack a) {
    return MAPPER
        .createObjectNode()
        .put("fingerprint", a.fingerprint())
        .put("startsAt", AlertTime.format(a.startsAt(), alertJson.zone()))
        .put("by", a.by())
        .put("comment", a.comment())
        .put("at", AlertTime.format(a.at(), alertJson.zone()));
  }

  static JsonNode jsonBody(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw new IllegalArgumentException("a JSON body is required");
    }
    try {
      JsonNode node = MAPPER.readTree(body.getBytes());
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
    }
  }

  static void success(RoutingContext ctx, int status, JsonNode data) {
    ObjectNode body = MAPPER.createObjectNode().put("status", "success");
    body.set("data", data);
    Responses.json(ctx, status, body.toString());
  }

  private void scrape(RoutingContext ctx) {
    vertx
        .executeBlocking(registry::scrape, false)
        .onSuccess(text -> Responses.text(ctx, 200, PROMETHEUS_TEXT, text))
        .onFailure(ctx::fail);
  }

  private void openApi(RoutingContext ctx) {
    Responses.text(ctx, 200, "application/yaml; charset=utf-8", OpenApiDocument.TEXT);
  }

  private void reloadRules(RoutingContext ctx) {
    rulesReload.handle(ctx);
  }

  private static void noRulesToReload(RoutingContext ctx) {
    Responses.error(
        ctx, 409, "the service runs the built-in rules; start it with --rules DIR to reload rules");
  }

  /** {@code {"name": .., "role": ..}} of the token the call carried. */
  private void whoami(RoutingContext ctx) {
    Principal p = BearerAuth.caller(ctx).orElseThrow();
    Responses.json(
        ctx, 200, new JsonObject().put("name", p.name()).put("role", p.role().wireName()));
  }

  private void live(RoutingContext ctx) {
    Responses.json(ctx, 200, new JsonObject().put("status", "up"));
  }

  /** 200 {@code {"status":"ready"}}, or 503 {@code {"status":"not_ready","reason":...}}. */
  private void ready(RoutingContext ctx) {
    Optional<String> blocker;
    try {
      blocker = ready.notReadyBecause();
    } catch (RuntimeException e) {
      LOG.warn("readiness check failed", e);
      blocker = Optional.of("the readiness check failed: " + e);
    }
    if (blocker.isEmpty()) {
      Responses.json(ctx, 200, new JsonObject().put("status", "ready"));
    } else {
      Responses.json(
          ctx, 503, new JsonObject().put("status", "not_ready").put("reason", blocker.get()));
    }
  }

  private void internalError(RoutingContext ctx) {
    LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
    Responses.error(ctx, 500, "internal error");
  }
}
