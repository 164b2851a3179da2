package io.cscmon.flink.launcher;

import io.cscmon.core.ingest.DeadLetterRotation;
import io.cscmon.core.sim.AgentShortage;
import io.cscmon.core.sim.MarketShock;
import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.flink.job.DetectionJob;
import io.cscmon.flink.job.DetectionOptions;
import io.cscmon.flink.kafka.Checkpoints;
import io.cscmon.flink.kafka.KafkaTopics;
import io.cscmon.flink.serial.CompactTypes;
import io.cscmon.flink.source.PullSource;
import io.cscmon.flink.source.SimulatorFeed;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.Boundedness;

/** {@code run} and {@code demo}: the service in one process, until it is stopped. */
final class ServeCommand {
  private ServeCommand() {}

  static final Set<String> RUN_OPTIONS =
      Set.of(
          "http-port",
          "http-host",
          "webhook",
          "max-body-bytes",
          "dead-letter-max-bytes",
          "dead-letter-keep",
          "queue-capacity",
          "external-url",
          "state-dir",
          "parallelism",
          "rules",
          "alert-config",
          "webhook-secret",
          "tokens",
          "tls-cert",
          "tls-key",
          "max-connections",
          "ingest-rate-limit",
          "webhook-allow");

  static final Set<String> DEMO_OPTIONS =
      union(RUN_OPTIONS, Set.of("speed", "seed", "calls-per-day"));

  /** {@code run} on Kafka: the Kafka topology's options besides the others. */
  static final Set<String> RUN_KAFKA_OPTIONS = union(RUN_OPTIONS, KafkaOptions.VALUED);

  /**
   * A national bank's volume: enough calls per queue and minute at any hour of the day for the
   * per-minute service level to rest on real evidence, so the demo shows an alert day and night.
   */
  static final int DEMO_CALLS_PER_DAY = 400_000;

  /**
   * Twenty simulated minutes a minute: the service-level alert (15-minute view, 15 minutes of hold)
   * then reaches the webhook about a minute and a half after start.
   */
  static final double DEMO_SPEED = 20;

  static final Duration SHORTAGE_START = Duration.ofMinutes(2);

  static int run(String[] argv, PrintStream out) throws Exception {
    Args args = Args.parse(argv, RUN_KAFKA_OPTIONS, KafkaOptions.FLAGS);
    return serve(args, List.of(), out, "run");
  }

  /**
   * The demo: the simulator, from now on at {@code --speed} times real time, with a shortage of
   * agents from the 2nd to the 42nd simulated minute (the service level breaks, emergently) and a
   * wealth-product market shock after it.
   */
  static int demo(String[] argv, PrintStream out) throws Exception {
    Args args = Args.parse(argv, DEMO_OPTIONS, Set.of());
    double speed = args.decimal("speed", DEMO_SPEED);
    if (speed <= 0) {
      throw new Args.UsageException("--speed must be positive");
    }
    SimulationConfig config =
        SimulationConfig.builder()
            .seed(args.integer("seed", 20261127))
            .callsPerDay(args.integer("calls-per-day", DEMO_CALLS_PER_DAY))
            .start(System.currentTimeMillis())
            .scenario(new AgentShortage(SHORTAGE_START, Duration.ofMinutes(40), 0.6))
            .scenario(new MarketShock(Duration.ofMinutes(50), Duration.ofMinutes(30), 4.0))
            .build();
    DetectionJob.NamedSource simulator =
        new DetectionJob.NamedSource(
            new PullSource<>(
                SimulatorFeed.factory(config, speed),
                Boundedness.CONTINUOUS_UNBOUNDED,
                CompactTypes.RAW_LINE),
            "Simulator");
    out.printf(
        "cscmon demo: simulated contact center at %.0fx real time; agents run short from"
            + " simulated minute %d (about %.0f s from now)%n",
        speed, SHORTAGE_START.toMinutes(), SHORTAGE_START.toSeconds() / speed);
    return serve(args, List.of(simulator), out, "demo");
  }

  /**
   * Fails within a second when the HTTP port is taken, rather than after the embedded cluster has
   * started (8 s) with a bind exception's stack trace. The server's own bind stays the judge: the
   * port could still be taken in between.
   */
  static void requireFreePort(String host, int port) {
    if (port == 0) {
      return; // an ephemeral port is always free
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true); // as the server binds: a port in TIME_WAIT is free
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new CommandFailure(
          "cannot listen on "
              + host
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "): another cscmon or another service holds the port; stop it, or choose another"
              + " with --http-port");
    }
  }

  /** {@code --dead-letter-max-bytes} (64 MiB) and {@code --dead-letter-keep} (3 rotated files). */
  static DeadLetterRotation deadLetterRotation(Args args) {
    String max = args.get("dead-letter-max-bytes");
    long maxBytes;
    try {
      maxBytes = max == null ? DeadLetterRotation.DEFAULT_MAX_BYTES : Long.parseLong(max);
    } catch (NumberFormatException e) {
      throw new Args.UsageException(
          "--dead-letter-max-bytes must be a whole number of bytes, got '" + max + "'");
    }
    int keep = args.integer("dead-letter-keep", DeadLetterRotation.DEFAULT_KEEP);
    if (maxBytes < 1 || keep < 0) {
      throw new Args.UsageException(
          "--dead-letter-max-bytes must be positive and --dead-letter-keep 0 or more");
    }
    return new DeadLetterRotation(maxBytes, keep);
  }

  private static int serve(
      Args args, List<DetectionJob.NamedSource> extra, PrintStream out, String command)
      throws Exception {
    int port = args.integer("http-port", 8080);
    String host = args.get("http-host", "0.0.0.0");
    requireFreePort(host, port);
    HttpSecurity security = HttpSecurity.from(args);
    String externalUrl =
        args.get("external-url", security.scheme() + "://" + hostName(host) + ":" + port);
    EmbeddedService.Settings settings =
        new EmbeddedService.Settings(
            host,
            port,
            Long.parseLong(args.get("max-body-bytes", String.valueOf(16L << 20))),
            args.integer("queue-capacity", 200_000),
            webhooks(args.all("webhook")),
            externalUrl,
            Path.of(args.get("state-dir", "var")),
            args.integer("parallelism", 0),
            args.get("alert-config") == null ? null : Path.of(args.get("alert-config")),
            args.get("webhook-secret"),
            security,
            deadLetterRotation(args));
    DetectionOptions options = RuleOptions.apply(args, DetectionOptions.defaults());
    KafkaTopics kafka = KafkaOptions.topics(args);
    Checkpoints checkpoints =
        kafka == null ? null : KafkaOptions.checkpoints(args, settings.stateDir());
    EmbeddedService service =
        EmbeddedService.start(settings, extra, options, RuleOptions.dir(args), kafka, checkpoints);
    GracefulStop.onSignals(service::close);
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "cscmon-shutdown"));
    String base = security.scheme() + "://" + hostName(host) + ":" + service.port();
    out.printf(
        """
        cscmon %s is up.
          console       %s/ui/
          alerts        %s/api/v1/alerts
          metrics       %s/metrics
          health        %s/health/ready
          ingest        POST NDJSON to %s/api/v1/events
          webhooks      %s
          alert config  %s
          silences      %s/api/v1/silences
          api token     %s
          dead letters  %s
          rules         %s (version %s)
          kafka         %s
        Stop with Ctrl-C.
        """,
        command,
        base,
        base,
        base,
        base,
        base,
        settings.webhooks().isEmpty()
            ? settings.alertConfig() == null
                ? "none (add --webhook URL)"
                : "none on the command line (the alert config's receivers below)"
            : settings.webhooks(),
        settings.alertConfig() == null
            ? "none (add --alert-config FILE for routes and receivers)"
            : settings.alertConfig(),
        base,
        apiToken(service, settings, command),
        (kafka == null
                ? service.deadLetters().toAbsolutePath()
                : "topic " + kafka.deadLetterTopic())
            + ", "
            + service.deadLetters().resolveSibling("http-rejected.ndjson").toAbsolutePath(),
        RuleOptions.dir(args) == null
            ? "built-in"
            : RuleOptions.dir(args)
                + ", reloaded on change or POST "
                + base
                + "/api/v1/rules/reload",
        options.rules().version(),
        kafka == null
            ? "off (add --kafka-bootstrap HOST:PORT)"
            : kafka.eventsTopic()
                + " -> "
                + kafka.alertsTopic()
                + (kafka.kpiTopic() == null ? "" : ", " + kafka.kpiTopic())
                + " on "
                + kafka.bootstrap()
                + "; checkpoints every "
                + checkpoints.interval().toSeconds()
                + " s in "
                + checkpoints.directory()
                + checkpoints.restorePoint().map(c -> ", restored from " + c).orElse(""));
    out.flush();
    service.awaitJob();
    return 0;
  }

  /**
   * Where the token for changing calls is. The demo prints the generated token itself, so that it
   * can be pasted; {@code run} prints only the file (stdout of a service often ends up in a log).
   */
  private static String apiToken(
      EmbeddedService service, EmbeddedService.Settings settings, String command) {
    if (service.generatedToken() == null) {
      return "from " + settings.security().tokensFile().toAbsolutePath();
    }
    String file = service.generatedToken().file().toAbsolutePath().toString();
    return command.equals("demo")
        ? service.generatedToken().token()
            + " (operator; also in "
            + file
            + "; send Authorization: Bearer TOKEN)"
        : "operator token generated into " + file + " (send Authorization: Bearer TOKEN)";
  }

  private static List<URI> webhooks(List<String> urls) {
    return urls.stream()
        .map(
            u -> {
              try {
                URI uri = new URI(u);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                  throw new Args.UsageException("--webhook " + u + " is not an http(s) URL");
                }
                return uri;
              } catch (URISyntaxException e) {
                throw new Args.UsageException(
                    "--webhook " + u + " is not a URL: " + e.getMessage());
              }
            })
        .toList();
  }

  private static String hostName(String bindHost) {
    return bindHost.equals("0.0.0.0") ? "127.0.0.1" : bindHost;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
