package io.cscmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.manager.Acks;
import io.cscmon.core.manager.AlertHistory;
import io.cscmon.core.manager.AlertManager;
import io.cscmon.core.manager.NotificationDispatcher;
import io.cscmon.core.manager.Silences;
import io.cscmon.core.metrics.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * openapi.yaml is valid OpenAPI 3 and documents exactly the route tables (the API's and the
 * console's), roles included.
 */
@ExtendWith(VertxExtension.class)
class OpenApiDocumentTest {

  private static final Set<String> OPERATIONS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final Metrics metrics = Metrics.create();

  @AfterEach
  void close() {
    metrics.close();
  }

  private ApiServer server(Vertx vertx) {
    return TestApiServer.on(vertx, metrics).build();
  }

  /** The console's routes, as the service mounts them beside the API's. */
  private List<ApiRoute> consoleRoutes() {
    AlertHistory history = new AlertHistory(Clock.systemUTC());
    return new ConsoleRoutes(
            new AlertManager(metrics.alerts(), NotificationDispatcher.NONE),
            new Silences(Clock.systemUTC()),
            new Acks(Clock.systemUTC()),
            history,
            new AlertJson(),
            new BearerAuth(Tokens.of("li.na", Role.VIEWER, "token")))
        .routeTable();
  }

  private static JsonNode document() throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(OpenApiDocument.TEXT);
  }

  @Test
  void everyRouteIsDocumentedWithItsRoleAndNothingElseIs(Vertx vertx) throws Exception {
    Map<String, String> table = new TreeMap<>();
    List<ApiRoute> routes = new ArrayList<>(server(vertx).routeTable());
    routes.addAll(consoleRoutes());
    for (ApiRoute r : routes) {
      String role = r.contract() ? "contract" : r.role() == null ? "none" : r.role().wireName();
      table.put(r.method().name().toLowerCase() + " " + r.openApiPath(), role);
    }
    Map<String, String> documented = new TreeMap<>();
    Set<String> securedButOpen = new TreeSet<>();
    document()
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (OPERATIONS.contains(op.getKey())) {
                            String role = op.getValue().path("x-cscmon-role").asText("missing");
                            documented.put(op.getKey() + " " + path.getKey(), role);
                            boolean secured = op.getValue().has("security");
                            if (secured != !(role.equals("none") || role.equals("contract"))) {
                              securedButOpen.add(op.getKey() + " " + path.getKey());
                            }
                          }
                        }));
    assertThat(documented).isEqualTo(table);
    assertThat(securedButOpen)
        .as("security stated where, and only where, a token is needed")
        .isEmpty();
  }

  @Test
  void isValidOpenApi3(Vertx vertx, VertxTestContext tc) throws Exception {
    JsonObject doc = new JsonObject(new ObjectMapper().writeValueAsString(document()));
    // The schema check of Vert.x's OpenAPI contract loader, without the loader itself: it refuses
    // request media types it cannot validate (application/x-ndjson), which OpenAPI allows.
    OpenAPIVersion version = OpenAPIVersion.fromContract(doc);
    assertThat(version).isEqualTo(OpenAPIVersion.V3_0);
    version
        .getRepository(vertx, "app:///")
        .compose(repository -> version.validateContract(vertx, repository, doc))
        .onComplete(
            tc.succeeding(
                result ->
                    tc.verify(
                        () -> {
                          result.checkValidity();
                          assertThat(result.getValid()).isTrue();
                          tc.completeNow();
                        })));
  }

  @Test
  void isServedOpenly(Vertx vertx) throws Exception {
    ApiServer server = server(vertx);
    int port = server.start().toCompletionStage().toCompletableFuture().get();
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ApiServer.OPENAPI))
                      .timeout(java.time.Duration.ofMinutes(1))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValue("application/yaml; charset=utf-8");
      assertThat(r.body()).isEqualTo(OpenApiDocument.TEXT).startsWith("openapi: 3");
    } finally {
      server.stop().toCompletionStage().toCompletableFuture().get();
    }
  }
}
