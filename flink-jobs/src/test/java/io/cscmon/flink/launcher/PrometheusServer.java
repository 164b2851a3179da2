package io.cscmon.flink.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus (Debian's {@code prometheus} package) started on a free port with a given
 * config, and its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, int port) {
    this.process = process;
    this.base = "http://127.0.0.1:" + port;
  }

  static PrometheusServer start(Path config, Path dir, int port) throws IOException {
    Path log = dir.resolve("prometheus.log");
    Process p =
        new ProcessBuilder(
                List.of(
                    "prometheus",
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new PrometheusServer(p, port);
  }

  boolean ready() {
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code /api/v1/query}: the whole answer (status, data.result or error). */
  JsonNode query(String promql) throws IOException {
    return JSON.readTree(get("/api/v1/query?query=" + encode(promql)).body());
  }

  /** {@code /api/v1/series}: the series a selector matches now. */
  JsonNode series(String selector) throws IOException {
    long now = System.currentTimeMillis() / 1000;
    return JSON.readTree(
        get("/api/v1/series?match[]=" + encode(selector) + "&start=" + (now - 300) + "&end=" + now)
            .body());
  }

  /** {@code /api/v1/rules}: the rule groups loaded, their rules and health. */
  JsonNode rules() throws IOException {
    return JSON.readTree(get("/api/v1/rules").body());
  }

  /** {@code /api/v1/targets}: the scrape targets and their health. */
  JsonNode targets() throws IOException {
    return JSON.readTree(get("/api/v1/targets").body());
  }

  private HttpResponse<String> get(String path) throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  static String readLog(Path dir) {
    try {
      return Files.readString(dir.resolve("prometheus.log"));
    } catch (IOException e) {
      return "";
    }
  }
}
