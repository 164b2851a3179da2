package io.cscmon.flink.launcher;

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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code prometheus} and {@code prometheus-alertmanager} as child processes for the
 * side-by-side benchmark: Prometheus scrapes the cscmon service's {@code /metrics}, evaluates the
 * exported rules and sends to Alertmanager, which notifies a webhook.
 *
 * <p>Every interval is the tool's default divided by {@code speed}: scrape and evaluation 1 m,
 * lookback 5 m, resend delay 1 m; the rules' {@code for} and {@code keep_firing_for};
 * Alertmanager's group_wait 30 s, group_interval 5 m, repeat_interval 4 h. When the service is fed
 * {@code speed} times faster than real time, Prometheus then sees the incident unfold on its own
 * clock exactly as it would at real time with its defaults, and wall latencies times {@code speed}
 * are the real-time latencies. With {@code speed} 1 these are the defaults themselves.
 */
final class BenchPrometheus implements AutoCloseable {

  static final String PROMETHEUS = "prometheus";
  static final String ALERTMANAGER = "prometheus-alertmanager";

  /** A rule-file duration ({@code for: 30m}) to rescale. */
  private static final Pattern RULE_DURATION =
      Pattern.compile("(?m)^(\\s+(?:for|keep_firing_for): )(\\d+)([smh])$");

  private final Process prometheus;
  private final Process alertmanager;
  private final int prometheusPort;
  private final HttpClient client = HttpClient.newHttpClient();

  private BenchPrometheus(Process prometheus, Process alertmanager, int prometheusPort) {
    this.prometheus = prometheus;
    this.alertmanager = alertmanager;
    this.prometheusPort = prometheusPort;
  }

  /**
   * @param rules the Prometheus rule files' texts at their default durations (file name → text)
   * @param target the cscmon service's {@code host:port}
   * @param token a viewer's bearer token for its {@code /metrics}
   */
  static BenchPrometheus start(
      Path dir, double speed, Map<String, String> rules, String target, String token, URI webhook)
      throws Exception {
    Files.createDirectories(dir);
    int amPort = BenchHttp.freePort();
    Files.writeString(dir.resolve("alertmanager.yml"), alertmanagerConfig(speed, webhook));
    ProcessBuilder am =
        new ProcessBuilder(
            ALERTMANAGER,
            "--config.file=" + dir.resolve("alertmanager.yml"),
            "--storage.path=" + dir.resolve("am-data"),
            "--web.listen-address=127.0.0.1:" + amPort,
            "--cluster.listen-address=");
    Process alertmanager = launch(am, dir.resolve("alertmanager.log"));
    Process prometheus = null;
    try {
      for (var file : rules.entrySet()) {
        Files.writeString(dir.resolve(file.getKey()), scaleRules(file.getValue(), speed));
      }
      int port = BenchHttp.freePort();
      Files.writeString(
          dir.resolve("prometheus.yml"),
          prometheusConfig(speed, List.copyOf(rules.keySet()), target, token, amPort));
      ProcessBuilder pb =
          new ProcessBuilder(
              PROMETHEUS,
              "--config.file=" + dir.resolve("prometheus.yml"),
              "--storage.tsdb.path=" + dir.resolve("prom-data"),
              "--web.listen-address=127.0.0.1:" + port,
              "--query.lookback-delta=" + scaled(Duration.ofMinutes(5), speed),
              "--rules.alert.resend-delay=" + scaled(Duration.ofMinutes(1), speed));
      prometheus = launch(pb, dir.resolve("prometheus.log"));
      BenchPrometheus stack = new BenchPrometheus(prometheus, alertmanager, port);
      HttpClient client = HttpClient.newHttpClient();
      BenchHttp.awaitOk(
          client, URI.create("http://127.0.0.1:" + amPort + "/-/ready"), Duration.ofSeconds(60));
      BenchHttp.awaitOk(
          client, URI.create("http://127.0.0.1:" + port + "/-/ready"), Duration.ofSeconds(60));
      return stack;
    } catch (Exception e) {
      stop(alertmanager);
      if (prometheus != null) {
        stop(prometheus);
      }
      throw e;
    }
  }

  private static Process launch(ProcessBuilder pb, Path log) throws IOException {
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    try {
      return pb.start();
    } catch (IOException e) {
      throw new IOException(
          pb.command().get(0)
              + " could not be started (Debian packages prometheus and prometheus-alertmanager):"
              + " "
              + e.getMessage(),
          e);
    }
  }

  /** A Prometheus or Alertmanager duration: {@code d / speed} in milliseconds. */
  static String scaled(Duration d, double speed) {
    return Math.max(1, Math.round(d.toMillis() / speed)) + "ms";
  }

  /** The rule file with its {@code for} and {@code keep_firing_for} divided by {@code speed}. */
  static String scaleRules(String text, double speed) {
    Matcher m = RULE_DURATION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      long n = Long.parseLong(m.group(2));
      Duration d =
          switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
          };
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + scaled(d, speed)));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String prometheusConfig(
      double speed, List<String> ruleFiles, String target, String token, int amPort) {
    Duration interval = Duration.ofMinutes(1);
    // The scrape timeout (default 10 s) may not exceed the scrape interval.
    String timeout = scaled(Duration.ofMillis(Math.min(10_000, interval.toMillis())), speed);
    return String.format(
        Locale.ROOT,
        """
        global:
          scrape_interval: %s
          scrape_timeout: %s
          evaluation_interval: %s
        rule_files: [%s]
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ["127.0.0.1:%d"]
        scrape_configs:
          - job_name: cscmon
            authorization:
              credentials: "%s"
            static_configs:
              - targets: ["%s"]
        """,
        scaled(interval, speed),
        timeout,
        scaled(interval, speed),
        String.join(", ", ruleFiles),
        amPort,
        token,
        target);
  }

  /** Alertmanager's defaults (scaled), grouped as cscmon's alert manager groups by default. */
  static String alertmanagerConfig(double speed, URI webhook) {
    return String.format(
        Locale.ROOT,
        """
        route:
          receiver: hook
          group_by: [alertname, center]
          group_wait: %s
          group_interval: %s
          repeat_interval: %s
        receivers:
          - name: hook
            webhook_configs:
              - url: "%s"
        """,
        scaled(Duration.ofSeconds(30), speed),
        scaled(Duration.ofMinutes(5), speed),
        scaled(Duration.ofHours(4), speed),
        webhook);
  }

  /** The value of an instant PromQL query's first sample, or NaN when it has none. */
  double query(String promql) throws Exception {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + prometheusPort
                + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    String body =
        client
            .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = Pattern.compile("\"value\":\\[[^,]+,\"([^\"]+)\"]").matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  /** CPU seconds both processes used so far (user + system). */
  double cpuSeconds() {
    return cpu(prometheus) + cpu(alertmanager);
  }

  private static double cpu(Process p) {
    return p.toHandle().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(Double.NaN);
  }

  @Override
  public void close() {
    stop(prometheus);
    stop(alertmanager);
  }

  private static void stop(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
