package io.cscmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.journal.Journal;
import io.cscmon.core.manager.Acks;
import io.cscmon.core.manager.AlertManager;
import io.cscmon.core.manager.NotificationDispatcher;
import io.cscmon.core.manager.Silences;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.testing.FakeClock;
import io.cscmon.core.testing.TestAlerts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every change through the API leaves one durable line: who, what, on what, from where. */
@ExtendWith(VertxExtension.class)
class AuditLogTest {

  private static final String OPERATOR = Tokens.randomToken();
  private static final String VIEWER = Tokens.randomToken();

  @TempDir Path dir;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-27T02:00:00Z"));
  private final Metrics metrics = Metrics.create();
  private final AlertManager manager =
      new AlertManager(metrics.alerts(), NotificationDispatcher.NONE);
  private final HttpClient http = HttpClient.newHttpClient();
  private ApiServer server;
  private AuditLog audit;
  private String base;

  private void start(Vertx vertx) throws Exception {
    audit = new AuditLog(Journal.open(dir.resolve("audit.ndjson")), clock);
    server =
        TestApiServer.on(vertx, metrics)
            .alerts(manager)
            .stores(new Silences(clock), new Acks(clock))
            .build()
            .withTokens(
                Tokens.of("zhang.wei", Role.OPERATOR, OPERATOR).plus("wall", Role.VIEWER, VIEWER))
            .withAuditLog(audit);
    base = "http://" + TestApiServer.HOST + ":" + TestApiServer.startAndWait(server);
  }

  @AfterEach
  void stop() throws Exception {
    TestApiServer.stopAndWait(server);
    audit.close();
    metrics.close();
  }

  private HttpResponse<String> call(String method, String path, String token, String body)
      throws Exception {
    return HttpCalls.send(http, base, method, path, token, body);
  }

  @Test
  void changesAreRecordedDurablyAndListedNewestFirst(Vertx vertx) throws Exception {
    start(vertx);
    Alert alert = TestAlerts.firing("retail", "II", TestAlerts.T0);
    manager.receive(alert);
    String silence =
        """
        {"matchers":[{"name":"queue","value":"retail"}],"endsAt":"2026-11-27T11:00:00+08:00",
         "createdBy":"zhang.wei","comment":"re-staffing"}""";
    HttpResponse<String> saved = call("POST", ApiServer.SILENCES, OPERATOR, silence);
    String id = new JsonObject(saved.body()).getJsonObject("data").getString("silenceID");
    clock.advance(Duration.ofMinutes(1));
    call("POST", "/api/v1/alerts/" + alert.fingerprint() + "/ack", OPERATOR, "{\"by\":\"zw\"}");
    await().until(() -> audit.latest(10).size() == 2);
    clock.advance(Duration.ofMinutes(1));
    call("DELETE", "/api/v1/silences/" + id, OPERATOR, null);
    call("DELETE", "/api/v1/silences/no-such", OPERATOR, null);
    call("DELETE", "/api/v1/silences/" + id, VIEWER, null); // refused before it is a change
    call("GET", ApiServer.SILENCES, VIEWER, null); // a read is not audited
    await().until(() -> audit.latest(10).size() == 4);

    HttpResponse<String> listed = call("GET", ApiServer.AUDIT + "?limit=3", VIEWER, null);
    assertThat(listed.statusCode()).isEqualTo(200);
    JsonArray data = new JsonObject(listed.body()).getJsonArray("data");
    assertThat(data).hasSize(3);
    assertThat(data.getJsonObject(0))
        .isEqualTo(
            new JsonObject()
                .put("time", "2026-11-27T02:02:00Z")
                .put("token", "zhang.wei")
                .put("role", "operator")
                .put("action", "silence.expire")
                .put("target", "no-such")
                .put("remote", "127.0.0.1")
                .put("status", 404));
    assertThat(data.getJsonObject(1).getString("target")).isEqualTo(id);
    assertThat(data.getJsonObject(2).getString("action")).isEqualTo("alert.ack");
    assertThat(data.getJsonObject(2).getString("target")).isEqualTo(alert.fingerprint());
    assertThat(call("GET", ApiServer.AUDIT + "?limit=0", VIEWER, null).statusCode()).isEqualTo(400);

    // On disk, one line per change, oldest first, and read back by the next start.
    List<String> lines = Files.readAllLines(dir.resolve("audit.ndjson"));
    assertThat(lines).hasSize(4);
    JsonObject first = new JsonObject(lines.get(0));
    assertThat(first.getString("action")).isEqualTo("silence.save");
    assertThat(first.getString("target")).isEqualTo(id);
    assertThat(first.getInteger("status")).isEqualTo(200);
    assertThat(String.join("\n", lines)).doesNotContain(OPERATOR).doesNotContain(VIEWER);
    audit.close();
    try (AuditLog reopened = new AuditLog(Journal.open(dir.resolve("audit.ndjson")), clock)) {
      assertThat(reopened.latest(10)).hasSize(4);
      assertThat(reopened.latest(1).get(0).target()).isEqualTo("no-such");
    }
  }
}
