package io.cscmon.flink.launcher;

import io.cscmon.core.sim.Labels;
import io.cscmon.core.sim.Scenario;
import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.Simulator;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * {@code simulate --out FILE} (or {@code --http URL}, optionally at {@code --speed} times real
 * time): writes the simulated center's events as a contract NDJSON file ({@code .gz} compresses;
 * {@code -} is stdout), for replays, tests and benchmarks, and beside it the ground-truth label
 * file ({@code FILE.labels.ndjson}, or {@code --labels-out}): one line per scenario with its window
 * and the alert it should raise. {@code simulate --list} lists the scenarios.
 */
final class SimulateCommand {
  private SimulateCommand() {}

  static final Set<String> OPTIONS =
      Set.of(
          "out",
          "http",
          "kafka-bootstrap",
          "topic",
          "speed",
          "labels-out",
          "hours",
          "days",
          "seed",
          "start",
          "calls-per-day",
          "center",
          "scenario");

  static final Set<String> FLAGS = Set.of("list");

  /**
   * {@code name@start+duration[:p1,p2,...]}, e.g. {@code agent-shortage@90m+1h:0.4}, {@code
   * tdos@2h+20m:10,repeating,5}.
   */
  private static final Pattern SCENARIO =
      Pattern.compile("([a-z-]+)@(\\d+[smhd])\\+(\\d+[smhd])(?::([\\w.,/-]+))?");

  static final String SCENARIO_HELP =
      "NAME@START+DURATION[:PARAMS], START and DURATION like 90m, 2h; NAME one of "
          + String.join(
              ", ", ScenarioCatalog.ENTRIES.stream().map(ScenarioCatalog.Entry::name).toList())
          + " (payday = busy-day); see simulate --list";

  static int run(String[] argv, PrintStream out) throws IOException {
    Args args = Args.parse(argv, OPTIONS, FLAGS);
    if (args.flag("list")) {
      list(out);
      return 0;
    }
    String target = args.get("out");
    String http = args.get("http");
    String kafka = args.get("kafka-bootstrap");
    int outputs = (target == null ? 0 : 1) + (http == null ? 0 : 1) + (kafka == null ? 0 : 1);
    if (outputs != 1) {
      throw new Args.UsageException(
          "give one of --out FILE|-, --http URL and --kafka-bootstrap HOST:PORT --topic T");
    }
    if (kafka != null && args.get("topic") == null) {
      throw new Args.UsageException("--kafka-bootstrap needs --topic T");
    }
    double speed = args.decimal("speed", 0);
    if (speed < 0) {
      throw new Args.UsageException("--speed must be >= 0 (0: as fast as possible)");
    }
    double hours = args.decimal("hours", 24);
    if (args.get("days") != null) {
      hours = 24 * args.decimal("days", 1);
    }
    if (hours <= 0) {
      throw new Args.UsageException("--hours and --days must be positive");
    }
    SimulationConfig.Builder config =
        SimulationConfig.builder()
            .seed(args.integer("seed", 1))
            .callsPerDay(args.integer("calls-per-day", SimulationConfig.DEFAULT_CALLS_PER_DAY))
            .center(args.get("center", SimulationConfig.DEFAULT_CENTER));
    String start = args.get("start");
    if (start != null) {
      config.start(parseStart(start));
    }
    for (String spec : args.all("scenario")) {
      config.scenario(scenario(spec));
    }
    SimulationConfig cfg;
    try {
      cfg = config.build();
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException(e.getMessage());
    }
    Duration span = Duration.ofMillis((long) (hours * 3_600_000));
    boolean stdout = "-".equals(target);
    String labelsOut =
        args.get("labels-out", stdout || target == null ? null : target + ".labels.ndjson");

    long lines;
    long t0 = System.nanoTime();
    if (kafka != null) {
      target = "Kafka topic " + args.get("topic") + " at " + kafka;
      try (KafkaLineWriter writer = new KafkaLineWriter(kafka, args.get("topic"), cfg.center())) {
        lines = pump(cfg, span, writer, speed);
      }
    } else if (http != null) {
      target = http;
      try (HttpBatchWriter writer = new HttpBatchWriter(URI.create(http))) {
        lines = pump(cfg, span, writer, speed);
      }
    } else if (stdout) {
      lines = pump(cfg, span, new BufferedOutputStream(out, 1 << 16), speed);
    } else {
      Path file = Path.of(target);
      createParent(file);
      // One FileChannel: the simulator writes blocks of a megabyte, which need no buffer between.
      try (FileChannel channel =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.TRUNCATE_EXISTING,
                  StandardOpenOption.WRITE);
          OutputStream raw = Channels.newOutputStream(channel);
          OutputStream stream =
              file.toString().endsWith(".gz")
                  ? new GZIPOutputStream(raw, 1 << 16)
                  : speed > 0 ? new BufferedOutputStream(raw, 1 << 16) : raw) {
        lines = pump(cfg, span, stream, speed);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    int labels = 0;
    if (labelsOut != null) {
      Path file = Path.of(labelsOut);
      createParent(file);
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        labels = Labels.write(cfg, span, writer);
      }
    }
    if (!stdout) {
      out.printf(
          Locale.ROOT,
          "wrote %d events (%.1f simulated hours) to %s in %.1f s (%.0f lines/s)%n",
          lines,
          hours,
          target,
          seconds,
          lines / Math.max(seconds, 1e-9));
    }
    if (labelsOut != null) {
      (stdout ? System.err : out).printf("wrote %d labels to %s%n", labels, labelsOut);
    }
    return 0;
  }

  /**
   * Writes the span's lines; with {@code speed > 0} each line no earlier than its event time
   * reaches, at {@code speed} times real time, from the start.
   */
  static long pump(SimulationConfig cfg, Duration span, OutputStream stream, double speed)
      throws IOException {
    if (speed <= 0) {
      return Simulator.writeNdjson(cfg, span, stream); // bytes straight from the simulator
    }
    Writer writer =
        new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    return pump(cfg, span, writer, speed);
  }

  static long pump(SimulationConfig cfg, Duration span, Writer writer, double speed)
      throws IOException {
    if (speed <= 0) {
      return Simulator.writeNdjson(cfg, span, writer);
    }
    Simulator sim = new Simulator(cfg);
    long end = cfg.start() + span.toMillis();
    long wall0 = System.nanoTime();
    long n = 0;
    while (sim.peekTime() < end) {
      long due = wall0 + (long) ((sim.peekTime() - cfg.start()) * 1e6 / speed);
      long wait = due - System.nanoTime();
      if (wait > 2_000_000) {
        writer.flush();
        try {
          Thread.sleep(wait / 1_000_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      writer.write(sim.nextLine());
      writer.write('\n');
      n++;
    }
    writer.flush();
    return n;
  }

  /**
   * Posts NDJSON lines to the events endpoint in batches of up to {@value #BATCH_LINES} lines (and
   * on every flush); retries while the service answers 503 (back-pressure).
   */
  static final class HttpBatchWriter extends Writer {
    static final int BATCH_LINES = 5000;
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    private final URI uri;
    private final HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final StringBuilder buf = new StringBuilder(1 << 20);
    private int lines;
    long accepted;

    HttpBatchWriter(URI uri) {
      this.uri = uri;
    }

    @Override
    public void write(char[] c, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        buf.append(c[i]);
        if (c[i] == '\n' && ++lines >= BATCH_LINES) {
          post();
        }
      }
    }

    @Override
    public void write(String str) throws IOException {
      buf.append(str);
      for (int i = 0; i < str.length(); i++) {
        if (str.charAt(i) == '\n') {
          lines++;
        }
      }
      if (lines >= BATCH_LINES) {
        post();
      }
    }

    @Override
    public void write(int c) throws IOException {
      buf.append((char) c);
      if (c == '\n' && ++lines >= BATCH_LINES) {
        post();
      }
    }

    @Override
    public void flush() throws IOException {
      if (buf.length() > 0) {
        post();
      }
    }

    @Override
    public void close() throws IOException {
      flush();
    }

    private void post() throws IOException {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/x-ndjson")
              .POST(HttpRequest.BodyPublishers.ofString(buf.toString(), StandardCharsets.UTF_8))
              .build();
      for (int attempt = 0; ; attempt++) {
        HttpResponse<String> response;
        try {
          response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
          Matcher m = ACCEPTED.matcher(response.body());
          if (m.find()) {
            accepted += Long.parseLong(m.group(1));
          }
          break;
        }
        if (status != 503 || attempt >= 240) {
          String body = response.body();
          throw new IOException(
              "POST "
                  + uri
                  + " answered "
                  + status
                  + ": "
                  + body.substring(0, Math.min(200, body.length())));
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      buf.setLength(0);
      lines = 0;
    }
  }

  static void list(PrintStream out) {
    out.println(
        "scenarios: --scenario NAME@START+DURATION[:PARAMS]  (START, DURATION like 90m, 2h)");
    for (ScenarioCatalog.Entry e : ScenarioCatalog.ENTRIES) {
      out.printf(
          Locale.ROOT, "  %-20s :%-50s default %s%n", e.name(), e.params(), e.shownDefaults());
      out.printf(Locale.ROOT, "  %-20s  %s%n", "", e.help());
    }
    out.println("  (payday = busy-day)");
  }

  private static void createParent(Path file) throws IOException {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
  }

  private static Instant parseStart(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new Args.UsageException(
          "--start "
              + text
              + " is not an RFC 3339 time with offset, e.g. 2026-11-23T09:00:00+08:00");
    }
  }

  static Scenario scenario(String spec) {
    Matcher m = SCENARIO.matcher(spec);
    if (!m.matches()) {
      throw new Args.UsageException("--scenario " + spec + " is not of the form " + SCENARIO_HELP);
    }
    Duration start = duration(m.group(2));
    Duration length = duration(m.group(3));
    String[] p = m.group(4) == null ? new String[0] : m.group(4).split(",", -1);
    ScenarioCatalog.Entry entry = ScenarioCatalog.find(m.group(1));
    if (entry == null) {
      throw new Args.UsageException(
          "--scenario "
              + spec
              + ": unknown scenario '"
              + m.group(1)
              + "'; known: "
              + SCENARIO_HELP);
    }
    try {
      return entry
          .factory()
          .make(start, length, new ScenarioCatalog.Params(spec, p, entry.defaults()));
    } catch (NumberFormatException e) {
      throw new Args.UsageException(
          "--scenario " + spec + ": a parameter is not a number (" + e.getMessage() + ")");
    } catch (Args.UsageException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException("--scenario " + spec + ": " + e.getMessage());
    }
  }

  private static Duration duration(String text) {
    long n = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
