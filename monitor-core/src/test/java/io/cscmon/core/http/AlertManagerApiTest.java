package io.cscmon.core.http;

import static io.cscmon.core.testing.TestAlerts.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.manager.Acks;
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
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Silences and acks over real HTTP, with the real stores on a fake clock. */
@ExtendWith(VertxExtension.class)
class AlertManagerApiTest {

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-27T02:00:00Z"));
  private final Metrics metrics = Metrics.create();
  private final AlertManager manager =
      new AlertManager(metrics.alerts(), NotificationDispatcher.NONE);
  private static final String TOKEN = Tokens.randomToken();
  private final Silences silences = new Silences(clock);
  private final Acks acks = new Acks(clock);
  private LocalClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    ApiServer server =
        TestApiServer.on(vertx, metrics)
            .alerts(manager)
            .stores(silences, acks)
            .build()
            .withTokens(Tokens.of("ops", Role.OPERATOR, TOKEN));
    client = LocalClient.start(server, WebClient.create(vertx), tc);
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    client.stop(tc);
    metrics.close();
  }

  private Future<HttpResponse<Buffer>> post(String path, JsonObject body) {
    return client.request(HttpMethod.POST, path, TOKEN).sendJsonObject(body);
  }

  private Future<HttpResponse<Buffer>> get(String path) {
    return client.request(HttpMethod.GET, path, TOKEN).send();
  }

  private Future<HttpResponse<Buffer>> delete(String path) {
    return client.request(HttpMethod.DELETE, path, TOKEN).send();
  }

  private static JsonObject matcher(String name, String value, boolean isRegex) {
    return new JsonObject().put("name", name).put("value", value).put("isRegex", isRegex);
  }

  private static JsonObject silence(String endsAt) {
    return new JsonObject()
        .put(
            "matchers",
            new JsonArray()
                .add(matcher("queue", "retail", false))
                .add(matcher("center", "s.*", true).put("isEqual", true)))
        .put("startsAt", "2026-11-27T10:00:00+08:00")
        .put("endsAt", endsAt)
        .put("createdBy", "zhang.wei")
        .put("comment", "re-staffing retail");
  }

  @Test
  void silenceIsCreatedListedMutesAndExpiresOnTimeAndByDelete(VertxTestContext tc) {
    String[] id = new String[1];
    post(ApiServer.SILENCES, silence("2026-11-27T11:00:00+08:00"))
        .compose(
            created -> {
              tc.verify(
                  () -> {
                    assertThat(created.statusCode()).isEqualTo(200);
                    id[0] = created.bodyAsJsonObject().getJsonObject("data").getString("silenceID");
                    assertThat(id[0]).isNotBlank();
                    assertThat(silences.mutes(Map.of("queue", "retail", "center", "sh"))).isTrue();
                    assertThat(silences.mutes(Map.of("queue", "vip", "center", "sh"))).isFalse();
                  });
              return get(ApiServer.SILENCES);
            })
        .compose(
            list -> {
              tc.verify(
                  () -> {
                    JsonObject s = list.bodyAsJsonObject().getJsonArray("data").getJsonObject(0);
                    assertThat(s.getString("id")).isEqualTo(id[0]);
                    assertThat(s.getJsonObject("status").getString("state")).isEqualTo("active");
                    assertThat(s.getString("createdBy")).isEqualTo("zhang.wei");
                    assertThat(s.getString("comment")).isEqualTo("re-staffing retail");
                    assertThat(s.getString("startsAt")).isEqualTo("2026-11-27T02:00:00Z");
                    assertThat(s.getString("endsAt")).isEqualTo("2026-11-27T03:00:00Z");
                    JsonObject m = s.getJsonArray("matchers").getJsonObject(1);
                    assertThat(m.getString("name")).isEqualTo("center");
                    assertThat(m.getBoolean("isRegex")).isTrue();
                    assertThat(m.getBoolean("isEqual")).isTrue();
                  });
              clock.advance(Duration.ofHours(1)); // expires on time
              return get("/api/v1/silences/" + id[0]);
            })
        .compose(
            one -> {
              tc.verify(
                  () -> {
                    assertThat(
                            one.bodyAsJsonObject()
                                .getJsonObject("data")
                                .getJsonObject("status")
                                .getString("state"))
                        .isEqualTo("expired");
                    assertThat(silences.mutes(Map.of("queue", "retail", "center", "sh"))).isFalse();
                  });
              return post(ApiServer.SILENCES, silence("2026-11-27T13:00:00+08:00"));
            })
        .compose(
            second -> {
              String id2 = second.bodyAsJsonObject().getJsonObject("data").getString("silenceID");
              return delete("/api/v1/silences/" + id2)
                  .compose(
                      deleted -> {
                        tc.verify(
                            () -> {
                              assertThat(deleted.statusCode()).isEqualTo(200);
                              assertThat(silences.mutes(Map.of("queue", "retail", "center", "sh")))
                                  .isFalse();
                            });
                        return delete("/api/v1/silences/no-such-id");
                      });
            })
        .onComplete(
            tc.succeeding(
                missing ->
                    tc.verify(
                        () -> {
                          assertThat(missing.statusCode()).isEqualTo(404);
                          tc.completeNow();
                        })));
  }

  @Test
  void badSilencesAreRefusedWithTheReason(VertxTestContext tc) {
    JsonObject noAuthor = silence("2026-11-27T11:00:00+08:00").put("createdBy", "");
    JsonObject backwards = silence("2026-11-27T09:00:00+08:00");
    JsonObject matchesAll =
        silence("2026-11-27T11:00:00+08:00")
            .put("matchers", new JsonArray().add(matcher("queue", ".*", true)));
    post(ApiServer.SILENCES, noAuthor)
        .compose(
            r1 -> {
              tc.verify(
                  () -> assertThat(r1.bodyAsJsonObject().getString("error")).contains("createdBy"));
              return post(ApiServer.SILENCES, backwards);
            })
        .compose(
            r2 -> {
              tc.verify(() -> assertThat(r2.statusCode()).isEqualTo(400));
              return post(ApiServer.SILENCES, matchesAll);
            })
        .compose(
            r3 -> {
              tc.verify(() -> assertThat(r3.statusCode()).isEqualTo(400));
              return client
                  .request(HttpMethod.POST, ApiServer.SILENCES, TOKEN)
                  .sendBuffer(Buffer.buffer("not json"));
            })
        .onComplete(
            tc.succeeding(
                r4 ->
                    tc.verify(
                        () -> {
                          assertThat(r4.statusCode()).isEqualTo(400);
                          assertThat(silences.list()).isEmpty();
                          tc.completeNow();
                        })));
  }

  @Test
  void ackRecordsWhoAndWhenForAFiringAlert(VertxTestContext tc) {
    Alert alert = TestAlerts.firing("retail", "II", T0);
    manager.receive(alert);
    String path = "/api/v1/alerts/" + alert.fingerprint() + "/ack";
    post(path, new JsonObject().put("comment", "no author"))
        .compose(
            noBy -> {
              tc.verify(() -> assertThat(noBy.statusCode()).isEqualTo(400));
              return post("/api/v1/alerts/0000000000000000/ack", new JsonObject().put("by", "x"));
            })
        .compose(
            unknown -> {
              tc.verify(() -> assertThat(unknown.statusCode()).isEqualTo(404));
              return post(path, new JsonObject().put("by", "wang.fang").put("comment", "on it"));
            })
        .compose(
            acked -> {
              tc.verify(
                  () -> {
                    assertThat(acked.statusCode()).isEqualTo(200);
                    JsonObject a = acked.bodyAsJsonObject().getJsonObject("data");
                    assertThat(a.getString("by")).isEqualTo("wang.fang");
                    assertThat(a.getString("at")).isEqualTo("2026-11-27T10:00:00+08:00");
                    assertThat(a.getString("fingerprint")).isEqualTo(alert.fingerprint());
                    assertThat(acks.of(alert)).isPresent();
                  });
              return get(ApiServer.ACKS);
            })
        .onComplete(
            tc.succeeding(
                list ->
                    tc.verify(
                        () -> {
                          assertThat(list.bodyAsJsonObject().getJsonArray("data").size())
                              .isEqualTo(1);
                          tc.completeNow();
                        })));
  }
}
