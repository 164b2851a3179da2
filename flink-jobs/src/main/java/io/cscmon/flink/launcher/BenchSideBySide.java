package io.cscmon.flink.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.rule.DefaultRules;
import io.cscmon.core.rule.PrometheusRules;
import io.cscmon.core.sim.Labels;
import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.Simulator;
import io.cscmon.flink.job.DetectionOptions;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * {@code bench --only sidebyside}: the same incidents through cscmon's own alerting and through
 * Prometheus + Alertmanager (Debian's binaries, their default intervals, the rules {@code rules
 * export-prometheus} writes, scraping the service's {@code /metrics}); both notify a local webhook
 * receiver, and each incident's latency is the time from its start in the simulator's label file to
 * the first webhook carrying a matching firing alert.
 *
 * <p>Two simulated centers feed one embedded service over HTTP: {@code sbs-a} has a voice surge
 * (PeakLoad) and a CRM outage, {@code sbs-b} a 50 % agent shortage on retail (ServiceLevelBreach),
 * so that no incident's alert is raised by another's effects. The seasonal baseline behind PeakLoad
 * needs the same time of day of an earlier day, so 25 hours of history are posted first as fast as
 * the service takes them (event time only: Prometheus is not scraping history yet, it starts
 * after); the live part then follows at {@code speed} times real time, each line posted when its
 * event time is due. Prometheus and Alertmanager run with every interval divided by {@code speed}
 * (see {@link BenchPrometheus}), and so does cscmon's alert manager (its defaults are
 * Alertmanager's): both systems see the incidents on a clock that runs {@code speed} times faster,
 * and wall latencies times {@code speed} are what they would be at real time. At {@code --speed 1}
 * nothing is scaled.
 */
final class BenchSideBySide {
  private BenchSideBySide() {}

  static final String CSCMON = "cscmon";
  static final String PROMETHEUS = "prometheus";

  /** Monday 09:00 at the centers (+08:00); the live part starts 25 h later, Tuesday 10:00. */
  static final long SIM_START = SimulationConfig.DEFAULT_START + Duration.ofHours(9).toMillis();

  static final Duration HISTORY = Duration.ofHours(25);

  /** The live part's default length: every incident ends within it. */
  static final Duration LIVE = Duration.ofMinutes(100);

  private static final int BATCH_LINES = 5000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The centers and their incidents, offsets from the simulation's start (history + 10 min). */
  static List<SimulationConfig> centers(int seed) {
    String at = (HISTORY.toMinutes() + 10) + "m";
    return List.of(
        center(
            "sbs-a",
            seed,
            "volume-surge@" + at + "+20m:2.5,voice",
            "component-outage@" + at + "+20m:crm"),
        center("sbs-b", seed + 1, "agent-shortage@" + at + "+75m:0.5,retail"));
  }

  private static SimulationConfig center(String name, int seed, String... scenarios) {
    SimulationConfig.Builder b =
        SimulationConfig.builder().seed(seed).start(SIM_START).center(name);
    for (String spec : scenarios) {
      b.scenario(SimulateCommand.scenario(spec));
    }
    return b.build();
  }

  /** One incident of a label file, and the firing alerts that answer it. */
  record Incident(
      String center,
      String scenario,
      long startMs,
      long endMs,
      String incidentType,
      Map<String, List<String>> scope) {

    static Incident of(String labelLine) throws Exception {
      JsonNode n = JSON.readTree(labelLine);
      Map<String, List<String>> scope = new LinkedHashMap<>();
      n.path("scope")
          .fields()
          .forEachRemaining(
              e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                scope.put(e.getKey(), values);
              });
      return new Incident(
          n.path("center").asText(),
          n.path("scenario").asText(),
          n.path("start_ms").asLong(),
          n.path("end_ms").asLong(),
          n.path("incident_type").asText(null),
          scope);
    }

    /** Same center and incident type; every scope label the alert carries is one listed. */
    boolean matches(Map<String, String> labels) {
      if (!center.equals(labels.get("center"))
          || incidentType == null
          || !incidentType.equals(labels.get("incident_type"))) {
        return false;
      }
      boolean scoped = false;
      for (Map.Entry<String, List<String>> e : scope.entrySet()) {
        String value = labels.get(e.getKey());
        if (value != null) {
          if (!e.getValue().contains(value)) {
            return false;
          }
          scoped = true;
        }
      }
      return scoped;
    }
  }

  /**
   * @param live the live part's length (event time); incidents it cuts short are scored as far as
   *     they got
   */
  static void run(
      double speed, int seed, int settleSeconds, Duration live, Path work, PrintStream out)
      throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(work), "sidebyside-");
    List<SimulationConfig> centers = centers(seed);
    Duration span = HISTORY.plus(live);
    List<Incident> incidents = new ArrayList<>();
    for (SimulationConfig cfg : centers) {
      for (String line : Labels.lines(cfg, span)) {
        incidents.add(Incident.of(line));
      }
      try (var w = Files.newBufferedWriter(dir.resolve(cfg.center() + ".labels.ndjson"))) {
        Labels.write(cfg, span, w);
      }
    }
    double load0 = loadAverage();
    try (BenchWebhooks hooks = new BenchWebhooks(List.of(CSCMON, PROMETHEUS))) {
      Path alertConfig = dir.resolve("cscmon-alert-manager.yaml");
      Files.writeString(
          alertConfig,
          BenchPrometheus.alertmanagerConfig(speed, hooks.url(CSCMON)),
          StandardCharsets.UTF_8);
      EmbeddedService.Settings settings =
          BenchHttp.serviceSettings(dir.resolve("state"), alertConfig);
      long[] liveWall0 = new long[1];
      long[] lines = new long[2]; // history, live
      double[] promCpu = new double[1];
      double[] scrapes = new double[2]; // taken, failed
      BenchCommand.Run run;
      try (EmbeddedService service =
          EmbeddedService.start(settings, List.of(), DetectionOptions.defaults(), null)) {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + service.port();
        String token = service.generatedToken().token();
        BenchHttp.awaitOk(client, URI.create(base + "/health/ready"), Duration.ofSeconds(120));
        URI events = URI.create(base + "/api/v1/events");
        Map<String, String> rules =
            Map.of(
                "cscmon.rules.yml",
                PrometheusRules.rules(DefaultRules.ruleSet()),
                "outage.rules.yml",
                OUTAGE_RULE);
        run =
            BenchCommand.measure(
                0,
                () -> {
                  Feed feed = new Feed(centers, SIM_START + span.toMillis());
                  long liveStart = SIM_START + HISTORY.toMillis();
                  StringBuilder batch = new StringBuilder(1 << 20);
                  while (feed.next() < liveStart) {
                    if (feed.append(batch) % BATCH_LINES == 0) {
                      BenchHttp.postUntilTaken(client, events, token, batch.toString());
                      batch.setLength(0);
                    }
                  }
                  if (batch.length() > 0) {
                    BenchHttp.postUntilTaken(client, events, token, batch.toString());
                    batch.setLength(0);
                  }
                  lines[0] = feed.count;
                  // The live part follows at once by default (--settle-seconds 0). A pause
                  // longer than the sources' idleness (a minute) once froze the call KPIs for good
                  // (fixed; docs/benchmarks.md, "Side by side"): --settle-seconds 90 checks it.
                  Thread.sleep(settleSeconds * 1000L);
                  try (BenchPrometheus prom =
                      BenchPrometheus.start(
                          dir.resolve("prometheus"),
                          speed,
                          rules,
                          "127.0.0.1:" + service.port(),
                          token,
                          hooks.url(PROMETHEUS))) {
                    liveWall0[0] = System.currentTimeMillis();
                    while (feed.next() < Long.MAX_VALUE) {
                      long due =
                          liveStart + (long) ((System.currentTimeMillis() - liveWall0[0]) * speed);
                      while (feed.next() <= due) {
                        feed.append(batch);
                      }
                      if (batch.length() > 0) {
                        BenchHttp.postUntilTaken(client, events, token, batch.toString());
                        batch.setLength(0);
                      }
                      Thread.sleep(100);
                    }
                    lines[1] = feed.count - lines[0];
                    // Two and a half minutes of the incidents' clock: a scrape, an evaluation and
                    // group_wait after the last line; later answers would not be the incident's.
                    awaitAnswers(
                        hooks, incidents, Duration.ofSeconds(Math.max(30, (long) (150 / speed))));
                    String window = "[" + Math.round(live.toSeconds() / speed + 60) + "s]";
                    scrapes[0] = prom.query("count_over_time(up{job=\"cscmon\"}" + window + ")");
                    scrapes[1] =
                        scrapes[0] - prom.query("sum_over_time(up{job=\"cscmon\"}" + window + ")");
                    promCpu[0] = prom.cpuSeconds();
                  }
                });
      }
      report(out, speed, incidents, hooks, liveWall0[0], lines, run, promCpu[0], scrapes, load0);
    }
  }

  /** cscmon's outage is a built-in detector, not a threshold rule: its Prometheus counterpart. */
  static final String OUTAGE_RULE =
      """
      # Written by bench --only sidebyside: every instance of a component reports down, as cscmon's
      # ComponentOutage (no hold: it starts when the last instance goes down).
      groups:
        - name: cscmon-outage
          rules:
            - alert: ComponentOutage
              expr: max by (center, component) (cscmon_component_up) == 0
              labels:
                incident_type: outage
                risk_category: technical
      """;

  /** Waits until each incident has an answer from both systems, at most {@code grace}. */
  private static void awaitAnswers(BenchWebhooks hooks, List<Incident> incidents, Duration grace)
      throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < deadline) {
      List<BenchWebhooks.Arrival> arrivals = hooks.arrivals();
      boolean all =
          incidents.stream()
              .allMatch(
                  i ->
                      BenchWebhooks.first(arrivals, CSCMON, 0, i::matches) != null
                          && BenchWebhooks.first(arrivals, PROMETHEUS, 0, i::matches) != null);
      if (all) {
        return;
      }
      Thread.sleep(500);
    }
  }

  private static void report(
      PrintStream out,
      double speed,
      List<Incident> incidents,
      BenchWebhooks hooks,
      long liveWall0,
      long[] lines,
      BenchCommand.Run run,
      double promCpu,
      double[] scrapes,
      double load0) {
    long live = SIM_START + HISTORY.toMillis();
    List<BenchWebhooks.Arrival> arrivals = hooks.arrivals();
    out.printf(
        Locale.ROOT,
        "%n### Side by side: incident start to webhook, cscmon vs Prometheus + Alertmanager"
            + " (speed %s, minutes of the incident's clock)%n%n",
        number(speed));
    out.println(
        "| center | incident (event time, +08:00) | alert | cscmon min | level |"
            + " Prometheus + AM min | level | Prometheus − cscmon min |");
    out.println("|---|---|---|---:|---|---:|---|---:|");
    for (Incident i : incidents) {
      long startWall = liveWall0 + (long) ((i.startMs() - live) / speed);
      String what =
          i.scenario() + " " + clock(i.startMs()) + "–" + clock(i.endMs()) + " " + i.scope();
      // Each alert name that answered the incident in either system, first the earliest.
      List<String> names =
          arrivals.stream()
              .filter(a -> a.wallMillis() >= startWall && i.matches(a.labels()))
              .sorted(Comparator.comparingLong(BenchWebhooks.Arrival::wallMillis))
              .map(a -> a.labels().get("alertname"))
              .distinct()
              .toList();
      if (names.isEmpty()) {
        out.printf(Locale.ROOT, "| %s | %s | none | – | | – | | – |%n", i.center(), what);
      }
      for (String name : names) {
        Predicate<Map<String, String>> named = l -> name.equals(l.get("alertname")) && i.matches(l);
        BenchWebhooks.Arrival c = BenchWebhooks.first(arrivals, CSCMON, startWall, named);
        BenchWebhooks.Arrival p = BenchWebhooks.first(arrivals, PROMETHEUS, startWall, named);
        double cMin = minutes(c, startWall, speed);
        double pMin = minutes(p, startWall, speed);
        out.printf(
            Locale.ROOT,
            "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
            i.center(),
            what,
            name,
            fixed(cMin),
            level(c),
            fixed(pMin),
            level(p),
            Double.isNaN(cMin) || Double.isNaN(pMin) ? "–" : fixed(pMin - cMin));
      }
    }
    out.printf(
        Locale.ROOT,
        "%nAll firing alerts notified during the live part (first webhook, minutes after the live"
            + " start at %s):%n%n| system | alert | first at min | notifications |%n|---|---|---:|---:|%n",
        clock(live));
    Map<String, long[]> seen = new TreeMap<>();
    for (BenchWebhooks.Arrival a : arrivals) {
      Map<String, String> l = new TreeMap<>(a.labels());
      String key =
          a.system()
              + " | "
              + l.get("alertname")
              + " "
              + l.getOrDefault("center", "")
              + scopeOf(l)
              + " "
              + l.getOrDefault("emergency_level", "");
      long[] v = seen.computeIfAbsent(key, k -> new long[] {Long.MAX_VALUE, 0});
      v[0] = Math.min(v[0], a.wallMillis());
      v[1]++;
    }
    seen.forEach(
        (k, v) ->
            out.printf(
                Locale.ROOT,
                "| %s | %.1f | %d |%n",
                k,
                (v[0] - liveWall0) * speed / 60_000.0,
                v[1]));
    out.printf(
        Locale.ROOT,
        "%nLines: %,d of history, %,d live. Prometheus scrapes of /metrics: %.0f (%.0f failed)."
            + " CPU s: bench JVM (service, feed, receiver) %.1f, Prometheus + Alertmanager %.1f."
            + " Wall %.0f s. Load average %.1f at the start, %.1f at the end.%n",
        lines[0],
        lines[1],
        scrapes[0],
        scrapes[1],
        run.cpuSeconds(),
        promCpu,
        run.wallSeconds(),
        load0,
        loadAverage());
    if (!hooks.malformed().isEmpty()) {
      out.println("Malformed notifications: " + hooks.malformed());
    }
  }

  private static String scopeOf(Map<String, String> labels) {
    StringBuilder b = new StringBuilder();
    for (String k : List.of("queue", "channel", "component", "topic")) {
      if (labels.containsKey(k)) {
        b.append(' ').append(k).append('=').append(labels.get(k));
      }
    }
    return b.toString();
  }

  private static double minutes(BenchWebhooks.Arrival a, long startWall, double speed) {
    return a == null ? Double.NaN : (a.wallMillis() - startWall) * speed / 60_000.0;
  }

  private static String level(BenchWebhooks.Arrival a) {
    return a == null ? "" : a.labels().getOrDefault("emergency_level", "");
  }

  private static String fixed(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String clock(long ms) {
    return Instant.ofEpochMilli(ms).atOffset(ZoneOffset.ofHours(8)).toLocalTime().toString();
  }

  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** The centers' lines merged in event-time order, up to {@code end}. */
  private static final class Feed {
    private final List<Simulator> sims = new ArrayList<>();
    private final long end;
    long count;

    Feed(List<SimulationConfig> configs, long end) {
      configs.forEach(c -> sims.add(new Simulator(c)));
      this.end = end;
    }

    /** The next line's event time, or {@link Long#MAX_VALUE} at the end. */
    long next() {
      long t = Long.MAX_VALUE;
      for (Simulator s : sims) {
        t = Math.min(t, s.peekTime());
      }
      return t < end ? t : Long.MAX_VALUE;
    }

    /** Appends the next line; returns how many lines were appended so far. */
    long append(StringBuilder batch) {
      Simulator first = sims.get(0);
      for (Simulator s : sims) {
        if (s.peekTime() < first.peekTime()) {
          first = s;
        }
      }
      batch.append(first.nextLine()).append('\n');
      return ++count;
    }
  }
}
