package io.cscmon.core.http;

import static io.cscmon.core.testing.TestAlerts.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.manager.Acks;
import io.cscmon.core.manager.AlertManager;
import io.cscmon.core.manager.InhibitRule;
import io.cscmon.core.manager.Matcher;
import io.cscmon.core.manager.Route;
import io.cscmon.core.manager.RoutingConfig;
import io.cscmon.core.manager.RoutingDispatcher;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/v1/alerts} with filters; without them, the contract's list unchanged. */
@ExtendWith(VertxExtension.class)
class AlertFilterApiTest {

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-27T02:00:00Z"));
  private final Metrics metrics = Metrics.create();
  private final Silences silences = new Silences(clock);
  private final Acks acks = new Acks(clock);

  /** The retail alert inhibits the critical ones (vip), as the pipeline wires it. */
  private final RoutingDispatcher dispatcher =
      new RoutingDispatcher(
          new RoutingConfig(
              Route.Spec.to("oncall"),
              List.of(
                  new InhibitRule(
                      List.of(Matcher.equal(Labels.QUEUE, "retail")),
                      List.of(Matcher.equal(Labels.SEVERITY, "critical")),
                      List.of())),
              false,
              Map.of(),
              List.of(),
              RoutingConfig.DEFAULT_URGENT),
          Map.of("oncall", List.of()),
          silences,
          acks,
          clock,
          "");

  private final AlertManager manager =
      new AlertManager(metrics.alerts(), dispatcher).inhibitedBy(dispatcher::inhibits);
  private final AlertJson json = new AlertJson();
  private final HttpClient http = HttpClient.newHttpClient();
  private ApiServer server;
  private String base;

  private final Alert retail = TestAlerts.firing("retail", "II", T0);
  private final Alert vip = TestAlerts.firing("ServiceLevelBreach", "bj", "vip", "I", T0 + 1, "1");
  private final Alert wealth = TestAlerts.firing("wealth", "IV", T0 + 2);
  private final Alert gone = TestAlerts.firing("complaints", "III", T0 - 10);

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server =
        TestApiServer.on(vertx, metrics).alerts(manager).json(json).stores(silences, acks).build();
    base = "http://" + TestApiServer.HOST + ":" + TestApiServer.startAndWait(server);
    for (Alert a : List.of(retail, vip, wealth, gone)) {
      manager.receive(a);
    }
    manager.receive(gone.resolved(T0 + 5, Map.of()));
    acks.ack(retail, "wang.fang", "on it");
    silences.save(
        silences.fromJson(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                    """
                    {"matchers":[{"name":"queue","value":"wealth"}],
                     "endsAt":"2026-11-27T11:00:00+08:00","createdBy":"x","comment":"y"}""")));
  }

  @AfterEach
  void stop() throws Exception {
    TestApiServer.stopAndWait(server);
    metrics.close();
  }

  private HttpResponse<String> get(String query) throws Exception {
    return HttpCalls.send(http, base, "GET", ApiServer.ALERTS + query, null, null);
  }

  private List<String> queues(String query) throws Exception {
    HttpResponse<String> r = get(query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonArray data = new JsonObject(r.body()).getJsonArray("data");
    return data.stream()
        .map(o -> ((JsonObject) o).getJsonObject("labels").getString("queue"))
        .toList();
  }

  @Test
  void withoutFiltersTheListIsTheContractsByteForByte() throws Exception {
    StringBuilder expected = new StringBuilder("{\"status\":\"success\",\"data\":[");
    List<Alert> active = manager.active();
    for (int i = 0; i < active.size(); i++) {
      expected.append(i > 0 ? "," : "").append(json.encode(active.get(i)));
    }
    assertThat(get("").body()).isEqualTo(expected.append("]}").toString());
    assertThat(queues("")).containsExactly("wealth", "vip", "retail");
    assertThat(queues("?active=false")).containsExactly("wealth", "vip", "retail", "complaints");
  }

  @Test
  void labelFiltersTakeOneValueOrSeveral() throws Exception {
    assertThat(queues("?emergency_level=I,II")).containsExactly("vip", "retail");
    assertThat(queues("?center=bj")).containsExactly("vip");
    assertThat(queues("?center=sh&emergency_level=IV")).containsExactly("wealth");
    assertThat(queues("?risk_category=operational&incident_type=service_level"))
        .containsExactly("wealth", "vip", "retail");
    assertThat(queues("?risk_category=market")).isEmpty();
    assertThat(queues("?component=acd")).isEmpty();
    assertThat(queues("?queue=vip,complaints")).containsExactly("vip");
  }

  @Test
  void statusSilencedAndAcked() throws Exception {
    assertThat(queues("?status=resolved")).containsExactly("complaints");
    assertThat(queues("?status=firing&active=false")).containsExactly("wealth", "vip", "retail");
    assertThat(queues("?silenced=true")).containsExactly("wealth");
    assertThat(queues("?silenced=false")).containsExactly("vip", "retail");
    assertThat(queues("?acked=true")).containsExactly("retail");
    assertThat(queues("?acked=false&silenced=false")).containsExactly("vip");
  }

  @Test
  void inhibitedWhileTheSourceFires() throws Exception {
    assertThat(queues("?inhibited=true")).containsExactly("vip");
    assertThat(queues("?inhibited=false")).containsExactly("wealth", "retail");
    assertThat(queues("?inhibited=false&silenced=false")).containsExactly("retail");
    assertThat(queues("?inhibited=false&active=false")).containsExactly("wealth", "retail");
    assertThat(get("?inhibited=1").statusCode()).isEqualTo(400);

    manager.receive(retail.resolved(T0 + 60_000, Map.of()));
    assertThat(queues("?inhibited=true")).isEmpty();
    assertThat(queues("?inhibited=false")).containsExactly("wealth", "vip");
  }

  @Test
  void badParametersAreRefusedByName() throws Exception {
    HttpResponse<String> unknown = get("?levle=I");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(unknown.body()).getString("error"))
        .startsWith("unknown parameter 'levle'; known: ");
    assertThat(new JsonObject(get("?status=open").body()).getString("error"))
        .isEqualTo("status: 'open' is neither firing nor resolved");
    assertThat(get("?acked=yes").statusCode()).isEqualTo(400);
    // The contract's closed sets: a typo is no empty "all clear".
    HttpResponse<String> level = get("?emergency_level=I,V");
    assertThat(level.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(level.body()).getString("error"))
        .isEqualTo("emergency_level: 'V' is none of none, IV, III, II, I");
    assertThat(get("?emergency_level=i").statusCode()).isEqualTo(400);
    assertThat(get("?severity=page").statusCode()).isEqualTo(400);
    assertThat(get("?risk_category=tech").statusCode()).isEqualTo(400);
  }
}
