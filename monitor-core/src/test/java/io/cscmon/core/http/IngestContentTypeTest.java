package io.cscmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.ingest.BoundedLineSink;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.testing.EventLines;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The events endpoint reads NDJSON whatever the request's Content-Type says: {@code curl
 * --data-binary @file} labels it a form, and that must not cost a single line.
 */
class IngestContentTypeTest {

  private static final int LINES = 200;

  private final Metrics metrics = Metrics.create();
  private final BoundedLineSink sink = new BoundedLineSink(10_000);
  private Vertx vertx;
  private ApiServer server;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = TestApiServer.on(vertx, metrics).sink(sink).build();
    port = TestApiServer.startAndWait(server);
  }

  @AfterEach
  void stop() throws Exception {
    TestApiServer.stopAndWait(server);
    vertx.close().toCompletionStage().toCompletableFuture().get();
    metrics.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "text/plain",
        "application/x-ndjson",
        "application/json; charset=utf-8"
      })
  void takesTheBodyAsNdjsonWhateverItsContentType(String contentType) throws Exception {
    List<String> body = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int i = 0; i < LINES; i++) {
      body.add(EventLines.arrived(now, "c" + i));
    }
    body.add("a=b&c=d"); // what a form would look like: a bad line, nothing more
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ApiServer.EVENTS))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", body) + "\n"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonObject answer = new JsonObject(response.body());
    assertThat(answer.getInteger("accepted")).isEqualTo(LINES);
    assertThat(answer.getJsonArray("rejected").getJsonObject(0).getInteger("line"))
        .isEqualTo(LINES + 1);
    assertThat(sink.lines()).hasSize(LINES);
  }
}
