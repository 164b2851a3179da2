package io.cscmon.core.http;

import static io.cscmon.core.testing.TestAlerts.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.manager.Acks;
import io.cscmon.core.manager.AlertHistory;
import io.cscmon.core.manager.AlertManager;
import io.cscmon.core.manager.NotificationDispatcher;
import io.cscmon.core.manager.Silences;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.testing.FakeClock;
import io.cscmon.core.testing.TestAlerts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The console's page and data over real HTTP, behind the API's tokens. */
@ExtendWith(VertxExtension.class)
class ConsoleRoutesTest {

  private static final String VIEWER = Tokens.randomToken();

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-27T02:00:00Z"));
  private final Metrics metrics = Metrics.create();
  private final AlertHistory history = new AlertHistory(clock);
  private final AlertManager manager =
      new AlertManager(metrics.alerts(), history.recordingInto(NotificationDispatcher.NONE));
  private final Silences silences = new Silences(clock);
  private final Acks acks = new Acks(clock);
  private LocalClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    Tokens tokens = Tokens.of("li.na", Role.VIEWER, VIEWER);
    AlertJson json = new AlertJson();
    ApiServer server =
        TestApiServer.on(vertx, metrics)
            .alerts(manager)
            .json(json)
            .stores(silences, acks)
            .build()
            .withTokens(tokens);
    server.withRoutes(
        new ConsoleRoutes(manager, silences, acks, history, json, new BearerAuth(tokens))::mount);
    client =
        LocalClient.start(
            server, WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)), tc);
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    client.stop(tc);
    metrics.close();
  }

  private Future<HttpResponse<Buffer>> get(String path, boolean withToken) {
    return client.request(HttpMethod.GET, path, withToken ? VIEWER : null).send();
  }

  @Test
  void servesThePageItsModulesAndNothingElse(VertxTestContext tc) {
    get("/ui", false)
        .compose(
            r -> {
              tc.verify(
                  () -> {
                    assertThat(r.statusCode()).isEqualTo(302);
                    assertThat(r.getHeader("Location")).isEqualTo("/ui/");
                  });
              return get("/ui/", false);
            })
        .compose(
            r -> {
              tc.verify(
                  () -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.getHeader("Content-Type")).startsWith("text/html");
                    assertThat(r.getHeader("Content-Security-Policy"))
                        .contains("default-src 'self'");
                    assertThat(r.bodyAsString())
                        .contains("<script type=\"module\" src=\"app.js\"></script>");
                  });
              return get("/ui/app.js", false);
            })
        .compose(
            r -> {
              tc.verify(
                  () -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.getHeader("Content-Type")).startsWith("text/javascript");
                    assertThat(r.bodyAsString()).contains("from './api.js'");
                  });
              return get("/ui/missing.js", false);
            })
        .compose(
            r -> {
              tc.verify(() -> assertThat(r.statusCode()).isEqualTo(404));
              return get("/ui/%2e%2e%2fapp.js", false);
            })
        .onComplete(
            tc.succeeding(
                r -> tc.verify(() -> assertThat(r.statusCode()).isEqualTo(404)).completeNow()));
  }

  @Test
  void servesTheRunbookRenderedWhereAlertsRunbookLinksPoint(VertxTestContext tc) {
    // Opened from a chat message, so without a token; it holds no data.
    get(ConsoleRoutes.RUNBOOK, false)
        .compose(
            r -> {
              tc.verify(
                  () -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.getHeader("Content-Type")).startsWith("text/html");
                    assertThat(r.getHeader("Content-Security-Policy"))
                        .contains("default-src 'self'");
                    assertThat(r.bodyAsString())
                        .contains("<h2 id=\"componentoutage\">ComponentOutage</h2>")
                        .contains("<link rel=\"stylesheet\" href=\"runbook.css\">")
                        .contains("<table>");
                  });
              return get("/ui/runbook.css", false);
            })
        .compose(
            r -> {
              tc.verify(() -> assertThat(r.statusCode()).isEqualTo(200));
              return get("/ui/runbook.html", false);
            })
        .onComplete(
            tc.succeeding(
                r -> tc.verify(() -> assertThat(r.statusCode()).isEqualTo(404)).completeNow()));
  }

  @Test
  void theDataNeedsAViewerToken(VertxTestContext tc) {
    get("/api/v1/console/alerts", false)
        .compose(
            r -> {
              tc.verify(() -> assertThat(r.statusCode()).isEqualTo(401));
              return get("/api/v1/emergencies/timeline", false);
            })
        .onComplete(
            tc.succeeding(
                r -> tc.verify(() -> assertThat(r.statusCode()).isEqualTo(401)).completeNow()));
  }

  @Test
  void alertsComeWithTheirSilencesAcksHistoryAndTimeline(VertxTestContext tc) {
    Alert retail = TestAlerts.firing("retail", "IV", T0);
    Alert vip = TestAlerts.firing("vip", "III", T0 + 60_000);
    manager.receive(retail);
    manager.receive(vip);
    manager.receive(TestAlerts.firing("retail", "II", T0));
    acks.ack(vip, "zhang.wei", "on it");
    String silenceId =
        silences
            .save(
                silences.fromJson(
                    new com.fasterxml.jackson.databind.ObjectMapper()
                        .valueToTree(
                            Map.of(
                                "matchers",
                                java.util.List.of(Map.of("name", "queue", "value", "retail")),
                                "endsAt",
                                "2026-11-27T03:00:00Z",
                                "createdBy",
                                "li.na",
                                "comment",
                                "restaffing"))))
            .id();

    get("/api/v1/console/alerts", true)
        .compose(
            r -> {
              tc.verify(
                  () -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    JsonArray data = r.bodyAsJsonObject().getJsonArray("data");
                    assertThat(data).hasSize(2);
                    JsonObject first = data.getJsonObject(0); // newest start first: vip
                    assertThat(first.getJsonObject("alert").getString("fingerprint"))
                        .isEqualTo(vip.fingerprint());
                    assertThat(first.getJsonObject("ack").getString("by")).isEqualTo("zhang.wei");
                    assertThat(first.getJsonArray("silencedBy")).isEmpty();
                    JsonObject second = data.getJsonObject(1);
                    assertThat(second.getJsonArray("silencedBy")).containsExactly(silenceId);
                    assertThat(second.getValue("ack")).isNull();
                    assertThat(
                            second
                                .getJsonObject("alert")
                                .getJsonObject("labels")
                                .getString("emergency_level"))
                        .isEqualTo("II");
                  });
              return get("/api/v1/alerts/" + retail.fingerprint() + "/history", true);
            })
        .compose(
            r -> {
              tc.verify(
                  () -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    JsonArray changes =
                        r.bodyAsJsonObject().getJsonObject("data").getJsonArray("changes");
                    assertThat(changes.stream().map(c -> ((JsonObject) c).getString("kind")))
                        .containsExactly("fired", "level_changed");
                  });
              return get("/api/v1/alerts/ffffffffffffffff/history", true);
            })
        .compose(
            r -> {
              tc.verify(() -> assertThat(r.statusCode()).isEqualTo(404));
              return get("/api/v1/emergencies/timeline", true);
            })
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                            () -> {
                              JsonObject data = r.bodyAsJsonObject().getJsonObject("data");
                              assertThat(data.getJsonObject("active").getMap())
                                  .containsExactly(Map.entry("sh", "II"));
                              JsonArray timeline = data.getJsonArray("timeline");
                              // Newest first: IV, then III (vip), then II (retail raised).
                              assertThat(
                                      timeline.stream().map(t -> ((JsonObject) t).getString("to")))
                                  .containsExactly("II", "III", "IV");
                            })
                        .completeNow()));
  }
}
