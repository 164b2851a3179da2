package io.cscmon.core.http;

import static io.cscmon.core.testing.TestAlerts.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.manager.Acks;
import io.cscmon.core.manager.AlertManager;
import io.cscmon.core.manager.EmergencyActivations;
import io.cscmon.core.manager.NotificationDispatcher;
import io.cscmon.core.manager.Silences;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.rule.EmergencyActivation;
import io.cscmon.core.testing.FakeClock;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /api/v1/emergencies} over real HTTP: roles, the lifecycle's 409s, the audit log. */
@ExtendWith(VertxExtension.class)
class EmergencyApiTest {

  private static final String OPERATOR = Tokens.randomToken();
  private static final String VIEWER = Tokens.randomToken();

  private final FakeClock clock = new FakeClock(T0);
  private final Metrics metrics = Metrics.create();
  private final EmergencyActivations emergencies = new EmergencyActivations(clock);
  private final AlertManager manager =
      new AlertManager(metrics.alerts(), emergencies.recordingInto(NotificationDispatcher.NONE));
  private ApiServer server;
  private LocalClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    server =
        TestApiServer.on(vertx, metrics)
            .alerts(manager)
            .stores(new Silences(clock), new Acks(clock))
            .build()
            .withTokens(Tokens.of("ops", Role.OPERATOR, OPERATOR).plus("wall", Role.VIEWER, VIEWER))
            .withEmergencies(emergencies);
    client = LocalClient.start(server, WebClient.create(vertx), tc);
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    client.stop(tc);
    metrics.close();
  }

  private static Alert emergency(String level) {
    return Alert.firing(
        Map.of(
            Labels.ALERTNAME,
            EmergencyActivation.ALERTNAME,
            Labels.CENTER,
            "sh",
            Labels.INCIDENT_TYPE,
            "emergency",
            Labels.EMERGENCY_LEVEL,
            level),
        Map.of(),
        T0,
        "http://cscmon.test/rules/EmergencyActivation");
  }

  private Future<HttpResponse<Buffer>> move(String token, String id, JsonObject body) {
    return client
        .request(HttpMethod.POST, "/api/v1/emergencies/" + id + "/state", token)
        .sendJsonObject(body);
  }

  private Future<HttpResponse<Buffer>> list(String token) {
    return client.request(HttpMethod.GET, "/api/v1/emergencies", token).send();
  }

  private static JsonObject state(String state, String comment) {
    return new JsonObject().put("state", state).put("comment", comment);
  }

  @Test
  void operatorsMoveAnActivationAlongItsLifecycle(VertxTestContext tc) {
    manager.receive(emergency("II"));
    String id = emergencies.list().get(0).id();
    list(null)
        .compose(
            r -> {
              tc.verify(() -> assertThat(r.statusCode()).isEqualTo(401));
              return move(null, id, state("responding", ""));
            })
        .compose(
            r -> {
              tc.verify(() -> assertThat(r.statusCode()).isEqualTo(401));
              return move(VIEWER, id, state("responding", ""));
            })
        .compose(
            r -> {
              tc.verify(() -> assertThat(r.statusCode()).isEqualTo(403));
              return move(OPERATOR, id, state("closed", "too early"));
            })
        .compose(
            r -> {
              tc.verify(
                  () -> {
                    assertThat(r.statusCode()).isEqualTo(409);
                    assertThat(r.bodyAsJsonObject().getString("error"))
                        .contains("is activated; it cannot become closed until the emergency");
                  });
              return move(OPERATOR, id, state("standing-by", ""));
            })
        .compose(
            r -> {
              tc.verify(
                  () -> {
                    assertThat(r.statusCode()).isEqualTo(400);
                    assertThat(r.bodyAsJsonObject().getString("error"))
                        .contains("'standing-by' is not one of");
                  });
              return move(OPERATOR, "no-such-id", state("responding", ""));
            })
        .compose(
            r -> {
              tc.verify(() -> assertThat(r.statusCode()).isEqualTo(404));
              clock.advance(Duration.ofMinutes(3));
              return move(OPERATOR, id, state("responding", "level II team assembled"));
            })
        .compose(
            r -> {
              tc.verify(
                  () -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    JsonObject data = r.bodyAsJsonObject().getJsonObject("data");
                    assertThat(data.getString("state")).isEqualTo("responding");
                    JsonObject last = data.getJsonArray("timeline").getJsonObject(1);
                    assertThat(last.getString("by")).isEqualTo("ops"); // the token's name
                    assertThat(last.getString("comment")).isEqualTo("level II team assembled");
                  });
              clock.advance(Duration.ofMinutes(10));
              manager.receive(emergency("II").resolved(T0 + 780_000, Map.of()));
              return move(OPERATOR, id, state("closed", "review filed").put("by", "li.na"));
            })
        .compose(
            r -> {
              tc.verify(() -> assertThat(r.statusCode()).isEqualTo(200));
              return list(VIEWER);
            })
        .onComplete(
            tc.succeeding(
                r ->
                    tc.verify(
                        () -> {
                          assertThat(r.statusCode()).isEqualTo(200);
                          JsonArray data = r.bodyAsJsonObject().getJsonArray("data");
                          assertThat(data).hasSize(1);
                          JsonObject a = data.getJsonObject(0);
                          assertThat(a.getString("id")).isEqualTo(id);
                          assertThat(a.getString("center")).isEqualTo("sh");
                          assertThat(a.getString("state")).isEqualTo("closed");
                          assertThat(a.getString("level")).isEqualTo("II");
                          JsonArray timeline = a.getJsonArray("timeline");
                          assertThat(
                                  timeline.stream().map(s -> ((JsonObject) s).getString("state")))
                              .containsExactly("activated", "responding", "recovered", "closed");
                          assertThat(timeline.getJsonObject(3).getString("by")).isEqualTo("li.na");
                          assertThat(timeline.getJsonObject(0).getString("at"))
                              .isEqualTo(
                                  io.cscmon.core.alert.AlertTime.format(
                                      T0, new AlertJson().zone()));
                          // Audited as a change (the log is written after the answer, so
                          // the route table, not the log, is what this test can hold).
                          assertThat(server.routeTable())
                              .filteredOn(route -> route.path().equals(ApiServer.EMERGENCY_STATE))
                              .extracting(ApiRoute::action)
                              .containsExactly("emergency.state");
                          tc.completeNow();
                        })));
  }
}
