package io.cscmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.ingest.BoundedLineSink;
import io.cscmon.core.manager.AlertManager;
import io.cscmon.core.manager.NotificationDispatcher;
import io.cscmon.core.metrics.Metrics;
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
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API over real HTTP on an ephemeral port, with the real parser, metrics and manager. */
@ExtendWith(VertxExtension.class)
class ApiServerTest {

  private static final long MAX_BODY = 64 * 1024;
  private static final int SINK_CAPACITY = 100;

  private final Metrics metrics = Metrics.create();
  private final BoundedLineSink sink = new BoundedLineSink(SINK_CAPACITY);
  private final AlertManager manager =
      new AlertManager(metrics.alerts(), NotificationDispatcher.NONE);
  private final AlertJson alertJson = new AlertJson();
  private final AtomicBoolean ready = new AtomicBoolean(false);
  private LocalClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    ApiServer server =
        TestApiServer.on(vertx, metrics)
            .config(ApiConfig.onPort(0).withHost(TestApiServer.HOST).withMaxBodyBytes(MAX_BODY))
            .sink(sink)
            .alerts(manager)
            .json(alertJson)
            .ready(ready::get)
            .build();
    client = LocalClient.start(server, WebClient.create(vertx), tc);
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    client.stop(tc);
    metrics.close();
  }

  private Future<HttpResponse<Buffer>> post(String path, Buffer body) {
    return client.request(HttpMethod.POST, path, null).sendBuffer(body);
  }

  private Future<HttpResponse<Buffer>> get(String path) {
    return client.request(HttpMethod.GET, path, null).send();
  }

  private static String now() {
    return Long.toString(System.currentTimeMillis());
  }

  private static String call(String id) {
    return "{\"type\":\"call\",\"ts\":"
        + now()
        + ",\"call_id\":\""
        + id
        + "\",\"phase\":\"arrived\"}";
  }

  private double counter(String name, String tag, String value) {
    return metrics.registry().get(name).tag(tag, value).counter().count();
  }

  @Test
  void ingestAcceptsGoodLinesAndRejectsBadOnesByLineFieldAndReason(VertxTestContext tc)
      throws Exception {
    String agent =
        "{\"type\":\"agent\",\"ts\":\""
            + OffsetDateTime.now(ZoneOffset.ofHours(8))
            + "\",\"agent_id\":\"a7\","
            + "\"state\":\"available\",\"queues\":[\"retail\"],\"unknown_field\":1}";
    String health = "{\"type\":\"health\",\"ts\":" + now() + ",\"component\":\"ivr\",\"up\":true}";
    List<String> good = List.of(call("c1"), agent, health, call("c2"));
    Buffer body = Buffer.buffer();
    body.appendString(good.get(0) + "\n"); // 1
    body.appendString( // 2: wrong type
        "{\"type\":\"health\",\"ts\":" + now() + ",\"component\":\"ivr\",\"up\":\"yes\"}\n");
    body.appendString(agent + "\r\n"); // 3
    body.appendString("{\"type\":\"call\",\"ts\":" + now() + ",\"phase\":\"arrived\"}\n"); // 4
    body.appendString("this is not json\n"); // 5
    body.appendString("\n"); // 6: blank, neither accepted nor rejected
    body.appendString("{\"type\":\"fax\",\"ts\":" + now() + "}\n"); // 7: unknown type
    body.appendString(health + "\n"); // 8
    body.appendString("{\"type\":\"call\",\"ts\":" + now() + ",\"call_id\":\""); // 9: bad UTF-8
    body.appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
    body.appendString("\",\"phase\":\"arrived\"}\n");
    body.appendString( // 10: epoch 0 is out of range
        "{\"type\":\"call\",\"ts\":0,\"call_id\":\"old\",\"phase\":\"arrived\"}\n");
    body.appendString(good.get(3)); // 11, no final newline

    post(ApiServer.EVENTS, body)
        .onComplete(
            tc.succeeding(
                resp ->
                    tc.verify(
                        () -> {
                          assertThat(resp.statusCode()).isEqualTo(202);
                          assertThat(resp.getHeader("Content-Type")).startsWith("application/json");
                          JsonObject json = resp.bodyAsJsonObject();
                          assertThat(json.getInteger("accepted")).isEqualTo(4);
                          assertThat(json.getInteger("rejected_total")).isEqualTo(6);
                          JsonArray rejected = json.getJsonArray("rejected");
                          assertThat(rejected.stream().map(JsonObject.class::cast))
                              .extracting(
                                  r -> r.getLong("line"),
                                  r -> r.getString("field"),
                                  r -> r.getString("reason"))
                              .containsExactly(
                                  tuple(2L, "up", "wrong_type"),
                                  tuple(4L, "call_id", "missing_field"),
                                  tuple(5L, "$", "invalid_json"),
                                  tuple(7L, "type", "unknown_type"),
                                  tuple(9L, "$", "invalid_utf8"),
                                  tuple(10L, "ts", "timestamp_out_of_range"));
                          assertThat(rejected.stream().map(JsonObject.class::cast))
                              .allSatisfy(r -> assertThat(r.getString("message")).isNotBlank());

                          assertThat(sink.lines()).containsExactlyElementsOf(good);

                          assertThat(counter("cscmon.events.accepted", "type", "call"))
                              .isEqualTo(2);
                          assertThat(counter("cscmon.events.accepted", "type", "agent"))
                              .isEqualTo(1);
                          assertThat(counter("cscmon.events.accepted", "type", "health"))
                              .isEqualTo(1);
                          assertThat(counter("cscmon.events.accepted", "type", "auth")).isZero();
                          for (String reason :
                              List.of(
                                  "wrong_type",
                                  "missing_field",
                                  "invalid_json",
                                  "unknown_type",
                                  "invalid_utf8",
                                  "timestamp_out_of_range")) {
                            assertThat(counter("cscmon.events.rejected", "reason", reason))
                                .as(reason)
                                .isEqualTo(1);
                          }
                          tc.completeNow();
                        })));
  }

  @Test
  void metricsEndpointShowsTheIngestCounts(VertxTestContext tc) {
    Buffer body = Buffer.buffer(call("c1") + "\n" + call("c2") + "\nnope\n");
    post(ApiServer.EVENTS, body)
        .compose(r -> get(ApiServer.METRICS))
        .onComplete(
            tc.succeeding(
                resp ->
                    tc.verify(
                        () -> {
                          assertThat(resp.statusCode()).isEqualTo(200);
                          assertThat(resp.getHeader("Content-Type"))
                              .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
                          assertThat(resp.bodyAsString())
                              .contains("cscmon_events_accepted_total{type=\"call\"} 2.0")
                              .contains("cscmon_events_rejected_total{reason=\"invalid_json\"} 1.0")
                              .contains("cscmon_events_rejected_total{reason=\"late\"} 0.0");
                          tc.completeNow();
                        })));
  }

  @Test
  void bodyAboveTheLimitIs413AndNothingIsTaken(VertxTestContext tc) {
    StringBuilder big = new StringBuilder();
    while (big.length() <= MAX_BODY) {
      big.append(call("c" + big.length())).append('\n');
    }
    post(ApiServer.EVENTS, Buffer.buffer(big.toString()))
        .onComplete(
            tc.succeeding(
                resp ->
                    tc.verify(
                        () -> {
                          assertThat(resp.statusCode()).isEqualTo(413);
                          assertThat(resp.bodyAsJsonObject().getString("error"))
                              .contains(Long.toString(MAX_BODY));
                          assertThat(sink.lines()).isEmpty();
                          assertThat(counter("cscmon.events.accepted", "type", "call")).isZero();
                          tc.completeNow();
                        })));
  }

  @Test
  void fullSinkIs503WithRetryAfterAndNothingCounted(VertxTestContext tc) {
    StringBuilder fill = new StringBuilder();
    for (int i = 0; i < SINK_CAPACITY; i++) {
      fill.append(call("fill" + i)).append('\n');
    }
    post(ApiServer.EVENTS, Buffer.buffer(fill.toString()))
        .compose(
            first -> {
              assertThat(first.statusCode()).isEqualTo(202);
              return post(ApiServer.EVENTS, Buffer.buffer(call("extra") + "\nbad"));
            })
        .onComplete(
            tc.succeeding(
                resp ->
                    tc.verify(
                        () -> {
                          assertThat(resp.statusCode()).isEqualTo(503);
                          assertThat(resp.getHeader("Retry-After")).isEqualTo("1");
                          assertThat(resp.bodyAsJsonObject().getString("status"))
                              .isEqualTo("error");
                          assertThat(sink.lines()).hasSize(SINK_CAPACITY);
                          assertThat(counter("cscmon.events.accepted", "type", "call"))
                              .isEqualTo(SINK_CAPACITY);
                          assertThat(counter("cscmon.events.rejected", "reason", "invalid_json"))
                              .isZero();
                          assertThat(
                                  metrics
                                      .registry()
                                      .get("cscmon.ingest.throttled")
                                      .counter()
                                      .count())
                              .isEqualTo(1);
                          tc.completeNow();
                        })));
  }

  @Test
  void downStoreIs503WithRetryAfterNamingTheStoreNotAFullPipeline(VertxTestContext tc) {
    sink.down("the Kafka events topic e on k:9092 is unavailable: broker away");
    post(ApiServer.EVENTS, Buffer.buffer(call("a") + "\nbad"))
        .onComplete(
            tc.succeeding(
                resp ->
                    tc.verify(
                        () -> {
                          assertThat(resp.statusCode()).isEqualTo(503);
                          assertThat(resp.getHeader("Retry-After")).isEqualTo("1");
                          assertThat(resp.bodyAsJsonObject().getString("error"))
                              .startsWith(
                                  "the Kafka events topic e on k:9092 is unavailable: broker away")
                              .doesNotContain("pipeline is full");
                          assertThat(sink.lines()).isEmpty();
                          assertThat(counter("cscmon.events.rejected", "reason", "invalid_json"))
                              .isZero();
                          assertThat(
                                  metrics
                                      .registry()
                                      .get("cscmon.ingest.unavailable")
                                      .counter()
                                      .count())
                              .isEqualTo(1);
                          tc.completeNow();
                        })));
  }

  @Test
  void emptyBodyIsAcceptedAsNothing(VertxTestContext tc) {
    post(ApiServer.EVENTS, Buffer.buffer())
        .onComplete(
            tc.succeeding(
                resp ->
                    tc.verify(
                        () -> {
                          assertThat(resp.statusCode()).isEqualTo(202);
                          assertThat(resp.bodyAsJsonObject().getInteger("accepted")).isZero();
                          assertThat(resp.bodyAsJsonObject().getJsonArray("rejected")).isEmpty();
                          tc.completeNow();
                        })));
  }

  @Test
  void binaryGarbageIsRejectedNotFatal(VertxTestContext tc) {
    byte[] garbage = new byte[4096];
    new java.util.Random(42).nextBytes(garbage);
    post(ApiServer.EVENTS, Buffer.buffer(garbage))
        .compose(
            r -> post(ApiServer.EVENTS, Buffer.buffer(call("after"))).map(r2 -> List.of(r, r2)))
        .onComplete(
            tc.succeeding(
                both ->
                    tc.verify(
                        () -> {
                          assertThat(both.get(0).statusCode()).isEqualTo(202);
                          assertThat(both.get(0).bodyAsJsonObject().getInteger("accepted"))
                              .isZero();
                          assertThat(both.get(1).statusCode()).isEqualTo(202);
                          assertThat(sink.lines()).hasSize(1);
                          tc.completeNow();
                        })));
  }

  @Test
  void healthLiveIsAlwaysUpAndReadyFollowsTheSupplier(VertxTestContext tc) {
    get(ApiServer.LIVE)
        .compose(
            live -> {
              tc.verify(() -> assertThat(live.statusCode()).isEqualTo(200));
              tc.verify(
                  () -> assertThat(live.bodyAsJsonObject().getString("status")).isEqualTo("up"));
              return get(ApiServer.READY);
            })
        .compose(
            notReady -> {
              tc.verify(() -> assertThat(notReady.statusCode()).isEqualTo(503));
              tc.verify(
                  () ->
                      assertThat(notReady.bodyAsJsonObject().getString("status"))
                          .isEqualTo("not_ready"));
              tc.verify(
                  () ->
                      assertThat(notReady.bodyAsJsonObject().getString("reason"))
                          .isEqualTo("not ready"));
              ready.set(true);
              return get(ApiServer.READY);
            })
        .onComplete(
            tc.succeeding(
                isReady ->
                    tc.verify(
                        () -> {
                          assertThat(isReady.statusCode()).isEqualTo(200);
                          assertThat(isReady.bodyAsJsonObject().getString("status"))
                              .isEqualTo("ready");
                          tc.completeNow();
                        })));
  }

  @Test
  void headAnswersEveryReadLikeItsGetWithoutTheBody(VertxTestContext tc) {
    // Load balancers and uptime checkers probe with HEAD (RFC 9110 9.3.2: same status and headers).
    head(ApiServer.READY)
        .compose(
            notReady -> {
              tc.verify(() -> assertThat(notReady.statusCode()).isEqualTo(503));
              ready.set(true);
              return head(ApiServer.READY);
            })
        .compose(
            isReady -> {
              tc.verify(
                  () -> {
                    assertThat(isReady.statusCode()).isEqualTo(200);
                    assertThat(isReady.body()).isNull();
                    assertThat(isReady.getHeader("Content-Type")).startsWith("application/json");
                  });
              return Future.all(
                  head(ApiServer.LIVE),
                  head(ApiServer.METRICS),
                  head(ApiServer.ALERTS),
                  head(ApiServer.OPENAPI));
            })
        .onComplete(
            tc.succeeding(
                all ->
                    tc.verify(
                        () -> {
                          for (int i = 0; i < all.size(); i++) {
                            HttpResponse<Buffer> r = all.resultAt(i);
                            assertThat(r.statusCode()).isEqualTo(200);
                            assertThat(r.body()).isNull();
                          }
                          tc.completeNow();
                        })));
  }

  private Future<HttpResponse<Buffer>> head(String path) {
    return client.request(HttpMethod.HEAD, path, null).send();
  }

  @Test
  void alertsListsWhatTheManagerReceivedEncodedLikeWebhooks(VertxTestContext tc) {
    Alert older = TestAlerts.firing("retail", "II", TestAlerts.T0);
    Alert newer = TestAlerts.firing("vip", "I", TestAlerts.T0 + 60_000);
    Alert gone = TestAlerts.firing("wealth", "IV", TestAlerts.T0 - 60_000);
    manager.receive(older);
    manager.receive(newer);
    manager.receive(gone);
    Alert resolved = gone.resolved(TestAlerts.T0 + 120_000, gone.annotations());
    manager.receive(resolved);

    get(ApiServer.ALERTS)
        .compose(
            active -> {
              tc.verify(
                  () -> {
                    assertThat(active.statusCode()).isEqualTo(200);
                    JsonObject json = active.bodyAsJsonObject();
                    assertThat(json.getString("status")).isEqualTo("success");
                    assertThat(json.getJsonArray("data"))
                        .containsExactly(
                            new JsonObject(alertJson.encode(newer)),
                            new JsonObject(alertJson.encode(older)));
                  });
              return get(ApiServer.ALERTS + "?active=false");
            })
        .onComplete(
            tc.succeeding(
                all ->
                    tc.verify(
                        () -> {
                          JsonArray data = all.bodyAsJsonObject().getJsonArray("data");
                          assertThat(data)
                              .containsExactly(
                                  new JsonObject(alertJson.encode(newer)),
                                  new JsonObject(alertJson.encode(older)),
                                  new JsonObject(alertJson.encode(resolved)));
                          assertThat(data.getJsonObject(2).getString("status"))
                              .isEqualTo("resolved");
                          assertThat(data.getJsonObject(0).getString("endsAt"))
                              .isEqualTo("0001-01-01T00:00:00Z");
                          tc.completeNow();
                        })));
  }

  @Test
  void unknownPathIsAJson404(VertxTestContext tc) {
    get("/api/v2/nothing")
        .onComplete(
            tc.succeeding(
                resp ->
                    tc.verify(
                        () -> {
                          assertThat(resp.statusCode()).isEqualTo(404);
                          assertThat(resp.bodyAsJsonObject().getString("status"))
                              .isEqualTo("error");
                          tc.completeNow();
                        })));
  }

  @Test
  void utf8InAcceptedLinesReachesTheSinkIntact(VertxTestContext tc) {
    String line =
        "{\"type\":\"call\",\"ts\":" + now() + ",\"call_id\":\"呼叫-1\",\"phase\":\"arrived\"}";
    post(ApiServer.EVENTS, Buffer.buffer(line.getBytes(StandardCharsets.UTF_8)))
        .onComplete(
            tc.succeeding(
                resp ->
                    tc.verify(
                        () -> {
                          assertThat(resp.statusCode()).isEqualTo(202);
                          assertThat(sink.lines()).containsExactly(line);
                          tc.completeNow();
                        })));
  }
}
