package io.cscmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.manager.Acks;
import io.cscmon.core.manager.Silences;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.testing.FakeClock;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bearer tokens and roles on a real server: who may read, who may change, who is refused. */
@ExtendWith(VertxExtension.class)
class ApiAuthTest {

  private static final String VIEWER = Tokens.randomToken();
  private static final String OPERATOR = Tokens.randomToken();
  private static final String ADMIN = Tokens.randomToken();
  private static final String SILENCE =
      """
      {"matchers":[{"name":"queue","value":"retail","isRegex":false}],
       "endsAt":"2026-11-27T11:00:00+08:00","createdBy":"zhang.wei","comment":"re-staffing"}""";

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-27T02:00:00Z"));
  private final Metrics metrics = Metrics.create();
  private final HttpClient http = HttpClient.newHttpClient();
  private ApiServer server;
  private String base;

  private Tokens tokens() {
    return Tokens.of("wang.fang", Role.VIEWER, VIEWER)
        .plus("zhang.wei", Role.OPERATOR, OPERATOR)
        .plus("root", Role.ADMIN, ADMIN);
  }

  private void start(Vertx vertx, VertxTestContext tc, Tokens tokens) throws Exception {
    server =
        TestApiServer.on(vertx, metrics)
            .stores(new Silences(clock), new Acks(clock))
            .build()
            .withTokens(tokens)
            .withRoutes(
                router -> {
                  router.get("/extra").handler(ctx -> ctx.response().end("read"));
                  router.post("/extra").handler(ctx -> ctx.response().end("changed"));
                });
    base = "http://" + TestApiServer.HOST + ":" + TestApiServer.startAndWait(server);
    tc.completeNow();
  }

  @AfterEach
  void stop() throws Exception {
    TestApiServer.stopAndWait(server);
    metrics.close();
  }

  private HttpResponse<String> call(String method, String path, String token, String body)
      throws Exception {
    return HttpCalls.send(http, base, method, path, token, body);
  }

  @Test
  void mutationsNeedAnOperatorAndAnswerWhyNot(Vertx vertx, VertxTestContext tc) throws Exception {
    start(vertx, tc, tokens());

    HttpResponse<String> none = call("POST", ApiServer.SILENCES, null, SILENCE);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(new JsonObject(none.body()).getString("error")).contains("bearer token");

    HttpResponse<String> unknown = call("POST", ApiServer.SILENCES, "guess", SILENCE);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("invalid_token");

    HttpResponse<String> basic = call("GET", ApiServer.SILENCES, null, null);
    assertThat(basic.statusCode()).isEqualTo(401);

    HttpResponse<String> viewer = call("POST", ApiServer.SILENCES, VIEWER, SILENCE);
    assertThat(viewer.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(viewer.body()).getString("error"))
        .isEqualTo("this call needs role operator; token 'wang.fang' has role viewer");
    assertThat(call("DELETE", "/api/v1/silences/x", VIEWER, null).statusCode()).isEqualTo(403);
    assertThat(call("POST", "/api/v1/alerts/0123/ack", VIEWER, "{}").statusCode()).isEqualTo(403);
    assertThat(call("POST", ApiServer.RULES_RELOAD, VIEWER, null).statusCode()).isEqualTo(403);

    assertThat(call("POST", ApiServer.SILENCES, OPERATOR, SILENCE).statusCode()).isEqualTo(200);
    assertThat(call("POST", ApiServer.SILENCES, ADMIN, SILENCE).statusCode()).isEqualTo(200);
    HttpResponse<String> listed = call("GET", ApiServer.SILENCES, VIEWER, null);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(listed.body()).getJsonArray("data")).hasSize(2);
    assertThat(call("GET", ApiServer.ACKS, VIEWER, null).statusCode()).isEqualTo(200);
    // Without --rules the reload answers 409, but only to whoever may reload.
    assertThat(call("POST", ApiServer.RULES_RELOAD, OPERATOR, null).statusCode()).isEqualTo(409);
  }

  @Test
  void whoamiNamesTheTokenAndItsRole(Vertx vertx, VertxTestContext tc) throws Exception {
    start(vertx, tc, tokens());
    HttpResponse<String> me = call("GET", ApiServer.WHOAMI, OPERATOR, null);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(me.body()))
        .isEqualTo(new JsonObject().put("name", "zhang.wei").put("role", "operator"));
    assertThat(call("GET", ApiServer.WHOAMI, null, null).statusCode()).isEqualTo(401);
    HttpResponse<String> lower = call("GET", ApiServer.WHOAMI, "bearer " + VIEWER, null);
    assertThat(lower.statusCode()).isEqualTo(401); // "Bearer bearer …" is not a token
    HttpRequest lowerScheme =
        HttpRequest.newBuilder(URI.create(base + ApiServer.WHOAMI))
            .header("Authorization", "bearer " + VIEWER)
            .build();
    HttpResponse<String> caseInsensitive =
        http.send(lowerScheme, HttpResponse.BodyHandlers.ofString());
    assertThat(new JsonObject(caseInsensitive.body()).getString("role")).isEqualTo("viewer");
  }

  @Test
  void contractEndpointsStayOpenByDefault(Vertx vertx, VertxTestContext tc) throws Exception {
    start(vertx, tc, tokens());
    assertThat(call("GET", ApiServer.ALERTS, null, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", ApiServer.METRICS, null, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", ApiServer.LIVE, null, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", ApiServer.READY, null, null).statusCode()).isEqualTo(200);
    assertThat(call("POST", ApiServer.EVENTS, null, "oops\n").statusCode()).isEqualTo(202);
  }

  @Test
  void contractEndpointsNeedTokensWhenTheFileSaysSo(Vertx vertx, VertxTestContext tc)
      throws Exception {
    start(vertx, tc, tokens().protectingContractEndpoints(true));
    assertThat(call("GET", ApiServer.ALERTS, null, null).statusCode()).isEqualTo(401);
    assertThat(call("GET", ApiServer.METRICS, null, null).statusCode()).isEqualTo(401);
    assertThat(call("POST", ApiServer.EVENTS, null, "oops\n").statusCode()).isEqualTo(401);
    assertThat(call("GET", ApiServer.ALERTS, VIEWER, null).statusCode()).isEqualTo(200);
    assertThat(call("POST", ApiServer.EVENTS, VIEWER, "oops\n").statusCode()).isEqualTo(403);
    assertThat(call("POST", ApiServer.EVENTS, OPERATOR, "oops\n").statusCode()).isEqualTo(202);
    // Probes stay open: health says nothing about the center.
    assertThat(call("GET", ApiServer.READY, null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void withoutTokensNothingChanges(Vertx vertx, VertxTestContext tc) throws Exception {
    start(vertx, tc, Tokens.none());
    assertThat(call("POST", ApiServer.SILENCES, null, SILENCE).statusCode()).isEqualTo(401);
    assertThat(call("POST", ApiServer.SILENCES, "anything", SILENCE).statusCode()).isEqualTo(401);
    assertThat(call("POST", ApiServer.EVENTS, null, "oops\n").statusCode()).isEqualTo(202);
  }

  @Test
  void routesOfOtherComponentsAreGuardedWhenTheyChangeState(Vertx vertx, VertxTestContext tc)
      throws Exception {
    start(vertx, tc, tokens());
    assertThat(call("GET", "/extra", null, null).body()).isEqualTo("read");
    assertThat(call("POST", "/extra", null, null).statusCode()).isEqualTo(401);
    assertThat(call("POST", "/extra", VIEWER, null).statusCode()).isEqualTo(403);
    assertThat(call("POST", "/extra", OPERATOR, null).body()).isEqualTo("changed");
  }
}
