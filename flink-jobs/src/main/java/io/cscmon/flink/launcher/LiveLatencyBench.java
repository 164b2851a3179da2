package io.cscmon.flink.launcher;

import com.sun.net.httpserver.HttpServer;
import io.cscmon.core.kpi.CallsWaitingNow;
import io.cscmon.core.kpi.QueueWaits;
import io.cscmon.flink.job.DetectionOptions;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench --only live}: latency from HTTP ingest to webhook delivery at an offered rate.
 * Starts the embedded service in this JVM (ephemeral port, a temporary state directory, one rule
 * with {@code hold: 0s} — {@code calls_waiting_now} above 3, or with {@code --live-signal
 * calls_waiting} the per-minute snapshot — and an alert config that notifies at once), runs a local
 * webhook receiver, posts background call lines stamped with the wall clock at {@code --rate} in
 * batches of a tenth of a second, and every {@code --marker-every} seconds adds a marker: five
 * queued calls in a center of their own, which must produce an alert of their own. The latency of a
 * marker is wall time from posting its batch to its first webhook arrival (milliseconds: the
 * figures are seconds).
 *
 * <p>{@code calls_waiting_now} is read on each call line that changes it, so a marker can alert as
 * soon as its lines are through the pipeline. {@code calls_waiting} is an event-time snapshot per
 * minute: a marker can only alert once the minute it falls in has closed and the watermark (the
 * newest event time minus the out-of-orderness bound, 30 s by default) has passed that minute's
 * end; the table also gives the part of each latency beyond that floor (for the instant signal
 * there is none: the floor is the posting itself).
 */
final class LiveLatencyBench {
  private LiveLatencyBench() {}

  private static final Pattern MARKER_CENTER = Pattern.compile("bench-m(\\d+)");
  private static final Pattern REJECTED = Pattern.compile("\"rejected_total\"\\s*:\\s*(\\d+)");
  private static final int MARKER_CALLS = 5;
  private static final long BATCH_MS = 100;
  private static final long MINUTE_MS = 60_000;

  /** The instant signal the bench watches by default. */
  static final String INSTANT_SIGNAL = CallsWaitingNow.CALLS_WAITING_NOW;

  /** The per-minute event-time snapshot, for comparison. */
  static final String MINUTE_SIGNAL = QueueWaits.CALLS_WAITING;

  /** The bench's one rule: {@code signal} of a queue above 3, without hold. */
  static String rule(String signal) {
    return """
        rules:
          - name: BenchCallsWaiting
            incident_type: service_level
            risk_category: operational
            scope: queue
            signal: %s
            condition: above
            hold: 0s
            levels:
              IV: {threshold: 3, severity: warning}
            clear:
              threshold: 1
              hold: 0s
            format: number
            annotations:
              summary: "bench marker {scope} at {value}"
              description: "bench marker"
              runbook_url: alert-rules/runbook.md#benchcallswaiting
              plan_section: "bench"
            source: "bench --only live: fires on the first sample of a marker's queue with 4+ calls"
        """
        .formatted(signal);
  }

  /** One alert group per marker (each in its own center), notified without group_wait. */
  static String alertConfig(URI webhook) {
    return """
        route:
          receiver: bench
          group_by: [alertname, center]
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 4h
        receivers:
          - name: bench
            webhook_configs:
              - url: %s
        """
        .formatted(webhook);
  }

  static void run(
      int rate,
      int seconds,
      int markerEvery,
      Duration outOfOrderness,
      String signal,
      Path work,
      PrintStream out)
      throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(work), "live-");
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("bench.yaml"), rule(signal), StandardCharsets.UTF_8);
    Map<Integer, Long> arrivals = new ConcurrentHashMap<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          long now = System.currentTimeMillis();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Matcher m = MARKER_CENTER.matcher(body);
          while (m.find()) {
            arrivals.putIfAbsent(Integer.parseInt(m.group(1)), now);
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    Path alertConfig = dir.resolve("alert-manager.yaml");
    Files.writeString(alertConfig, alertConfig(hook), StandardCharsets.UTF_8);
    EmbeddedService.Settings settings =
        BenchHttp.serviceSettings(dir.resolve("state"), alertConfig);
    DetectionOptions defaults = DetectionOptions.defaults();
    DetectionOptions options =
        new DetectionOptions(
                defaults.rules(),
                outOfOrderness,
                defaults.idleness(),
                defaults.kpiWindow(),
                defaults.targetAnswer(),
                defaults.staleAfter(),
                defaults.zone(),
                defaults.ingestMetricsName())
            .withRules(RuleOptions.load(rules));
    long[] posted = new long[3]; // lines posted, lines rejected, lines posted in the timed phase
    List<Long> markerPosted = new ArrayList<>();
    long[] marker0 = new long[1];
    BenchCommand.Run run;
    try (EmbeddedService service = EmbeddedService.start(settings, List.of(), options, rules)) {
      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + service.port();
      String token = service.generatedToken().token();
      BenchHttp.awaitOk(client, URI.create(base + "/health/ready"), Duration.ofSeconds(120));
      Poster poster = new Poster(client, URI.create(base + "/api/v1/events"), token);
      run =
          BenchCommand.measure(
              0,
              () -> {
                long start = System.nanoTime();
                long next = start;
                long end = start + seconds * 1_000_000_000L;
                long perBatch = Math.max(1, rate * BATCH_MS / 1000);
                long nextMarker = start + markerEvery * 1_000_000_000L;
                while (next < end) {
                  StringBuilder batch = new StringBuilder();
                  long ts = System.currentTimeMillis();
                  for (long i = 0; i < perBatch; i++) {
                    background(batch, ts, posted[0] + i);
                  }
                  long lines = perBatch;
                  boolean marker = System.nanoTime() >= nextMarker;
                  if (marker) {
                    lines += marker(batch, ts, markerPosted.size());
                    nextMarker += markerEvery * 1_000_000_000L;
                  }
                  if (marker) {
                    markerPosted.add(System.currentTimeMillis());
                  }
                  posted[1] += poster.post(batch.toString(), lines);
                  posted[0] += lines;
                  next += BATCH_MS * 1_000_000L;
                  long sleep = next - System.nanoTime();
                  if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
                  }
                }
                marker0[0] = System.nanoTime() - start;
                posted[2] = posted[0];
                // Keep event time moving (a trickle) until every marker's minute has closed.
                long deadline = System.nanoTime() + outOfOrderness.toNanos() + 150_000_000_000L;
                while (arrivals.size() < markerPosted.size() && System.nanoTime() < deadline) {
                  StringBuilder batch = new StringBuilder();
                  long ts = System.currentTimeMillis();
                  for (int i = 0; i < 100; i++) {
                    background(batch, ts, posted[0] + i);
                  }
                  posted[1] += poster.post(batch.toString(), 100);
                  posted[0] += 100;
                  Thread.sleep(1000);
                }
              });
    } finally {
      receiver.stop(0);
    }
    double postSeconds = marker0[0] / 1e9;
    long[] latencies = new long[markerPosted.size()];
    long[] beyondFloor = new long[markerPosted.size()];
    int missing = 0;
    int got = 0;
    for (int i = 0; i < markerPosted.size(); i++) {
      Long arrived = arrivals.get(i);
      if (arrived == null) {
        missing++;
      } else {
        long sent = markerPosted.get(i);
        // The minute snapshot's earliest: the marker's minute closed, plus the out-of-orderness.
        long floor =
            signal.equals(MINUTE_SIGNAL)
                ? (sent / MINUTE_MS + 1) * MINUTE_MS + outOfOrderness.toMillis()
                : sent;
        latencies[got] = arrived - sent;
        beyondFloor[got++] = arrived - floor;
      }
    }
    long[] sorted = Arrays.copyOf(latencies, got);
    Arrays.sort(sorted);
    long[] sortedBeyond = Arrays.copyOf(beyondFloor, got);
    Arrays.sort(sortedBeyond);
    out.println(
        "| offered events/s | achieved events/s | lines posted | rejected | markers | alerted |"
            + " p50 s | p99 s | max s | beyond floor p50 s | p99 s | max s | wall s | CPU s |"
            + " peak heap MiB |");
    out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    out.printf(
        Locale.ROOT,
        "| %,d | %,.0f | %,d | %,d | %d | %d | %s | %s | %s | %s | %s | %s | %.1f | %.1f | %d |%n",
        rate,
        posted[2] / postSeconds,
        posted[0],
        posted[1],
        markerPosted.size(),
        got,
        seconds(sorted, 0.50),
        seconds(sorted, 0.99),
        seconds(sorted, 1.0),
        seconds(sortedBeyond, 0.50),
        seconds(sortedBeyond, 0.99),
        seconds(sortedBeyond, 1.0),
        run.wallSeconds(),
        run.cpuSeconds(),
        run.peakHeapBytes() >> 20);
    if (missing > 0) {
      out.printf("%d markers never reached the webhook%n", missing);
    }
  }

  private static String seconds(long[] sortedMillis, double quantile) {
    if (sortedMillis.length == 0) {
      return "–";
    }
    int index = (int) Math.ceil(quantile * sortedMillis.length) - 1;
    return String.format(Locale.ROOT, "%.2f", sortedMillis[Math.max(0, index)] / 1e3);
  }

  private static void background(StringBuilder batch, long ts, long n) {
    batch
        .append("{\"type\":\"call\",\"ts\":")
        .append(ts)
        .append(",\"call_id\":\"bg")
        .append(n)
        .append("\",\"phase\":\"arrived\",\"channel\":\"voice\",\"ani\":\"a")
        .append(n % 10_000)
        .append("\"}\n");
  }

  /** Five calls queued in the marker's own center: 5 waiting, above the rule's 3. */
  private static int marker(StringBuilder batch, long ts, int index) {
    for (int c = 0; c < MARKER_CALLS; c++) {
      batch
          .append("{\"type\":\"call\",\"ts\":")
          .append(ts)
          .append(",\"center\":\"bench-m")
          .append(index)
          .append("\",\"call_id\":\"m")
          .append(index)
          .append('-')
          .append(c)
          .append("\",\"phase\":\"queued\",\"queue\":\"retail\"}\n");
    }
    return MARKER_CALLS;
  }

  /** Posts one NDJSON batch; returns how many of its lines were rejected. */
  private record Poster(HttpClient client, URI events, String token) {
    long post(String body, long lines) throws Exception {
      HttpResponse<String> response = BenchHttp.postNdjson(client, events, token, body);
      if (response.statusCode() / 100 != 2) {
        return lines;
      }
      Matcher m = REJECTED.matcher(response.body());
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
  }
}
