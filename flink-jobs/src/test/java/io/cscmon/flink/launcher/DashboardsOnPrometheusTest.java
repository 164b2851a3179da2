package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.cscmon.flink.kafka.ChildJvm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's "Done when": {@code bin/cscmon demo} (its launcher, in a child JVM) scraped by a real
 * Prometheus with {@code dashboards/prometheus.yml}, and every panel query of every dashboard is
 * valid PromQL that returns data; every {@code label_values} variable (center, queue, component,
 * Flink job) resolves to at least one value.
 *
 * <p>The config is used as shipped except for what a test must change: the two targets move to free
 * ports (the service's HTTP port and the Flink reporter's, through {@code
 * -Dcscmon.flink.metrics.ports}) and the scrape interval shrinks from 15 s to 1 s so that rates
 * have samples within seconds. The demo runs at 40× real time with a webhook receiver (the
 * notification panels); its agent shortage is the incident that fills the alert, emergency-level
 * and activation panels, and the test keeps posting malformed lines so that the rejected-lines
 * panel has a rate. Takes two to three minutes; tag {@code prometheus}, run by {@code .ci/run}.
 */
@Tag("prometheus")
class DashboardsOnPrometheusTest {

  /**
   * Queries allowed to return nothing, each with the reason: metrics whose exporter has not landed
   * on this branch, and the seasonal-baseline KPIs, which need a simulated day of history that a
   * demo started from now does not have (CallKpiViews trusts a time-of-day slot after a full slot
   * of one day). Every incident the demo can show is driven instead.
   */
  static final Map<String, String> NO_DATA_ALLOWED =
      Map.ofEntries(
          Map.entry(
              "cscmon-noc.json panel 3 'Calls waiting' A",
              "cscmon_queue_calls_waiting: issue 4 (calls waiting now), not exported yet"),
          Map.entry(
              "cscmon-noc.json panel 4 'Longest wait' A",
              "cscmon_queue_longest_wait_seconds: issue 4 (longest wait now), not exported yet"),
          Map.entry(
              "cscmon-noc.json panel 12 'Queues' F",
              "cscmon_queue_calls_waiting: issue 4 (calls waiting now), not exported yet"),
          Map.entry(
              "cscmon-volume.json panel 1 'Offered per minute against the baseline' B",
              "cscmon_center_expected_offered_15m: the baseline needs a day of history"),
          Map.entry(
              "cscmon-volume.json panel 2 'Offered vs baseline (5 min)' A",
              "cscmon_center_offered_vs_baseline_ratio: the baseline needs a day of history"),
          Map.entry(
              "cscmon-volume.json panel 2 'Offered vs baseline (5 min)' B",
              "cscmon_channel_offered_vs_baseline_ratio: the baseline needs a day of history"),
          Map.entry(
              "cscmon-volume.json panel 6 'Market topics vs baseline' A",
              "cscmon_topic_market_topic_vs_baseline_ratio: the baseline needs a day of history"),
          Map.entry(
              "cscmon-volume.json panel 7 'Credit topics vs baseline' A",
              "cscmon_topic_credit_topic_vs_baseline_ratio: the baseline needs a day of history"));

  private static final String SCRAPE_INTERVAL = "1s";
  private static final Duration STARTUP = Duration.ofMinutes(3);
  private static final Duration DATA = Duration.ofMinutes(4);

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyPanelQueryIsValidPromqlAndReturnsDataFromTheDemo() throws Exception {
    int httpPort = freePort();
    int flinkPort = freePort();
    int prometheusPort = freePort();
    List<String> jvm = new ArrayList<>(ChildJvm.FLINK_OPENS);
    jvm.add("-Xmx768m");
    jvm.add("-D" + FlinkEnvironments.FLINK_METRICS_PORTS_PROPERTY + "=" + flinkPort);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    String webhook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    Process demo =
        ChildJvm.start(
            Cscmon.class.getName(),
            jvm,
            List.of(
                "demo",
                "--http-host",
                "127.0.0.1",
                "--http-port",
                String.valueOf(httpPort),
                "--state-dir",
                dir.resolve("state").toString(),
                "--speed",
                "40",
                "--webhook",
                webhook),
            dir.resolve("demo.log"));
    String service = "http://127.0.0.1:" + httpPort;
    try {
      await()
          .atMost(STARTUP)
          .pollInterval(Duration.ofSeconds(1))
          .failFast("the demo exited; see " + dir.resolve("demo.log"), () -> !demo.isAlive())
          .until(() -> status(service + "/health/ready") == 200);
      Path config = prometheusConfig(httpPort, flinkPort);
      try (PrometheusServer prometheus = PrometheusServer.start(config, dir, prometheusPort)) {
        await()
            .atMost(Duration.ofMinutes(1))
            .failFast(() -> PrometheusServer.readLog(dir).contains("level=error"))
            .until(prometheus::ready);
        List<DashboardQueries.Query> queries = DashboardQueries.queries();
        assertThat(queries).hasSizeGreaterThan(50);
        Map<String, String> missing = new LinkedHashMap<>();
        try {
          await()
              .atMost(DATA)
              .pollInterval(Duration.ofSeconds(5))
              .until(
                  () -> {
                    // Malformed lines all along: the rejected-lines panel shows rates "> 0".
                    assertThat(post(service + "/api/v1/events", "oops\n")).isEqualTo(202);
                    return withoutData(prometheus, queries, missing).isEmpty();
                  });
        } catch (ConditionTimeoutException e) {
          assertThat(missing).as("panel queries after " + DATA).isEmpty();
          throw e;
        }

        for (DashboardQueries.Variable v : DashboardQueries.variables()) {
          JsonNode series =
              prometheus.series(DashboardQueries.interpolate(v.selector(), SCRAPE_INTERVAL));
          assertThat(series.path("data").findValues(v.label()))
              .as(v.dashboard() + " variable $" + v.name() + " = " + v.selector())
              .isNotEmpty();
        }
        JsonNode targets = prometheus.targets().path("data").path("activeTargets");
        assertThat(targets.findValuesAsText("health")).containsExactly("up", "up");
      }
    } finally {
      receiver.stop(0);
      demo.destroy();
      if (!demo.waitFor(60, TimeUnit.SECONDS)) {
        demo.destroyForcibly().waitFor();
      }
    }
  }

  /**
   * The queries that return no series yet, each with what Prometheus said; fails at once on a query
   * Prometheus refuses (invalid PromQL).
   */
  private static Map<String, String> withoutData(
      PrometheusServer prometheus, List<DashboardQueries.Query> queries, Map<String, String> out)
      throws IOException {
    out.clear();
    for (DashboardQueries.Query q : queries) {
      String expr = DashboardQueries.interpolate(q.expr(), SCRAPE_INTERVAL);
      JsonNode answer = prometheus.query(expr);
      assertThat(answer.path("status").asText())
          .as(q.where() + ": " + expr + " -> " + answer.path("error").asText())
          .isEqualTo("success");
      boolean empty = answer.path("data").path("result").isEmpty();
      if (empty != NO_DATA_ALLOWED.containsKey(q.where())) {
        out.put(
            q.where(), empty ? "no data: " + expr : "has data now; drop it from NO_DATA_ALLOWED");
      }
    }
    return out;
  }

  private Path prometheusConfig(int httpPort, int flinkPort) throws IOException {
    String shipped = Files.readString(Path.of("..", "dashboards", "prometheus.yml"));
    String config = shipped;
    for (String[] r :
        new String[][] {
          {"127.0.0.1:8080", "127.0.0.1:" + httpPort},
          {"127.0.0.1:9249", "127.0.0.1:" + flinkPort},
          {"scrape_interval: 15s", "scrape_interval: " + SCRAPE_INTERVAL},
          {"evaluation_interval: 15s", "evaluation_interval: " + SCRAPE_INTERVAL}
        }) {
      assertThat(config).as("dashboards/prometheus.yml").contains(r[0]);
      config = config.replace(r[0], r[1]);
    }
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, config);
    return file;
  }

  private int status(String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private int post(String url, String body) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
