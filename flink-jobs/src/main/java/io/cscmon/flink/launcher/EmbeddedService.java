package io.cscmon.flink.launcher;

import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.http.ApiConfig;
import io.cscmon.core.http.ApiServer;
import io.cscmon.core.http.AuditLog;
import io.cscmon.core.http.BearerAuth;
import io.cscmon.core.http.ConsoleRoutes;
import io.cscmon.core.http.IngestLimit;
import io.cscmon.core.http.Readiness;
import io.cscmon.core.http.Tokens;
import io.cscmon.core.ingest.DeadLetterRotation;
import io.cscmon.core.ingest.LineSink;
import io.cscmon.core.journal.Journal;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.manager.AlertManagerConfig;
import io.cscmon.core.manager.AlertPipeline;
import io.cscmon.core.metrics.DeadLetterMetrics;
import io.cscmon.core.metrics.EventMetrics;
import io.cscmon.core.metrics.KpiGauges;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.notify.DestinationAllowList;
import io.cscmon.core.parse.EventParser;
import io.cscmon.flink.LocalServices;
import io.cscmon.flink.job.DetectionJob;
import io.cscmon.flink.job.DetectionOptions;
import io.cscmon.flink.kafka.Checkpoints;
import io.cscmon.flink.kafka.EventsTopicAvailability;
import io.cscmon.flink.kafka.EventsTopicProbe;
import io.cscmon.flink.kafka.KafkaLineSink;
import io.cscmon.flink.kafka.KafkaTopics;
import io.cscmon.flink.operators.AlertRecord;
import io.cscmon.flink.operators.DeadLetter;
import io.cscmon.flink.operators.ThresholdAlerting;
import io.cscmon.flink.serial.CompactTypes;
import io.cscmon.flink.sink.AlertManagerSink;
import io.cscmon.flink.sink.KpiGaugeSink;
import io.cscmon.flink.sink.NdjsonFileSink;
import io.cscmon.flink.source.InJvmQueue;
import io.cscmon.flink.source.PullSource;
import io.cscmon.flink.source.RuleReloads;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole service in one JVM: the HTTP API, the alert manager and its webhooks, and the detection
 * job on an embedded Flink MiniCluster, fed by the HTTP ingest and any further sources (the demo's
 * simulator).
 */
final class EmbeddedService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedService.class);

  static final String ALERT_MANAGER = "alert-manager";
  static final String INGEST_METRICS = "ingest-metrics";
  static final String KPI_GAUGES = "kpi-gauges";
  static final String EVENT_METRICS = "event-metrics";
  static final String HTTP_QUEUE = "http-ingest";
  static final String RULE_RELOADS = "rule-reloads";
  static final String DEAD_LETTER_METRICS = "dead-letter-metrics";

  /** How often a rules directory given with {@code --rules} is looked at for changes. */
  static final long RULES_POLL_MS = 2000;

  /** What the service is started with. */
  record Settings(
      String host,
      int port,
      long maxBodyBytes,
      int queueCapacity,
      List<URI> webhooks,
      String externalUrl,
      Path stateDir,
      int parallelism,
      Path alertConfig,
      String webhookSecret,
      HttpSecurity security,
      DeadLetterRotation deadLetterRotation) {

    /**
     * A service on loopback and an ephemeral port, without webhooks, tokens from the state
     * directory, the default dead-letter cap and one parallel subtask: what tests and benchmarks
     * start.
     */
    static Settings loopback(Path stateDir, long maxBodyBytes, int queueCapacity) {
      return new Settings(
          "127.0.0.1",
          0,
          maxBodyBytes,
          queueCapacity,
          List.of(),
          "http://127.0.0.1",
          stateDir,
          1,
          null,
          null,
          HttpSecurity.defaults(),
          DeadLetterRotation.defaults());
    }

    /** These settings with {@code n} parallel subtasks (0: one per core). */
    Settings withParallelism(int n) {
      return new Settings(
          host,
          port,
          maxBodyBytes,
          queueCapacity,
          webhooks,
          externalUrl,
          stateDir,
          n,
          alertConfig,
          webhookSecret,
          security,
          deadLetterRotation);
    }
  }

  private final Metrics metrics;
  private final AlertPipeline alerts;
  private final Vertx vertx;
  private final ApiServer api;
  private final JobClient job;
  private final ScheduledExecutorService watcher;
  private final int port;
  private final Path deadLetters;
  private final RulesReloader reloader;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private Tokens.Generated generatedToken;
  private Path savepoints;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final java.util.concurrent.CountDownLatch stopped =
      new java.util.concurrent.CountDownLatch(1);

  private EmbeddedService(
      Metrics metrics,
      AlertPipeline alerts,
      Vertx vertx,
      ApiServer api,
      JobClient job,
      ScheduledExecutorService watcher,
      int port,
      Path deadLetters,
      RulesReloader reloader) {
    this.metrics = metrics;
    this.alerts = alerts;
    this.vertx = vertx;
    this.api = api;
    this.job = job;
    this.watcher = watcher;
    this.port = port;
    this.deadLetters = deadLetters;
    this.reloader = reloader;
  }

  /**
   * @param rulesDir the directory the rules were read from ({@code --rules}), watched and reloaded
   *     while the service runs; null when it runs the built-in rules
   */
  static EmbeddedService start(
      Settings settings,
      List<DetectionJob.NamedSource> extraSources,
      DetectionOptions options,
      Path rulesDir)
      throws Exception {
    return start(settings, extraSources, options, rulesDir, null, null);
  }

  /**
   * @param kafka when not null, the HTTP ingest writes to the events topic and the job reads it and
   *     writes alerts (and KPIs) to their topics, with exactly-once {@code checkpoints}
   */
  static EmbeddedService start(
      Settings settings,
      List<DetectionJob.NamedSource> extraSources,
      DetectionOptions options,
      Path rulesDir,
      KafkaTopics kafka,
      Checkpoints checkpoints)
      throws Exception {
    Files.createDirectories(settings.stateDir());
    Tokens.Generated generated = null;
    Tokens tokens;
    if (settings.security().tokensFile() != null) {
      tokens = Tokens.load(settings.security().tokensFile());
      LOG.info(
          "HTTP API: {} bearer tokens from {}", tokens.size(), settings.security().tokensFile());
    } else {
      // Never open: without a tokens file, changes need this token, readable by the owner only.
      generated = Tokens.generate(settings.stateDir());
      tokens = generated.tokens();
      LOG.info("HTTP API: an operator token was generated into {}", generated.file());
    }
    Metrics metrics = Metrics.create();
    AlertJson json = new AlertJson(options.zone());
    AlertManagerConfig alertConfig =
        settings.alertConfig() == null ? null : AlertManagerConfig.load(settings.alertConfig());
    checkDestinations(alertConfig, settings);
    AlertPipeline alerts =
        AlertPipeline.start(
            alertConfig,
            settings.webhooks(),
            settings.webhookSecret(),
            settings.stateDir(),
            json,
            metrics,
            Clock.systemUTC(),
            settings.externalUrl());
    LocalServices.register(ALERT_MANAGER, alerts.manager());
    LocalServices.register(INGEST_METRICS, metrics.ingest());
    LocalServices.register(KPI_GAUGES, new KpiGauges(metrics.registry()));
    LocalServices.register(EVENT_METRICS, new EventMetrics(metrics.registry()));
    DeadLetterMetrics deadLetterMetrics = new DeadLetterMetrics(metrics.registry());
    LocalServices.register(DEAD_LETTER_METRICS, deadLetterMetrics);
    if (kafka == null) {
      // The job's file sink counts into these once it opens; register them now so a scrape before
      // the job is running already shows the series (at 0), not an absent one.
      deadLetterMetrics.of("dead-letters.ndjson");
    }
    InJvmQueue queue = InJvmQueue.create(HTTP_QUEUE, settings.queueCapacity());

    List<DetectionJob.NamedSource> sources = new ArrayList<>();
    List<Sink<AlertRecord>> alertSinks = new ArrayList<>();
    alertSinks.add(new AlertManagerSink(ALERT_MANAGER));
    List<Sink<KpiSample>> kpiSinks = new ArrayList<>();
    kpiSinks.add(new KpiGaugeSink(KPI_GAUGES));
    LineSink ingest = queue;
    // Without Kafka the ingest's queue is in this process: nothing to be unavailable.
    Readiness eventsStore = Optional::empty;
    EventsTopicProbe probe = null;
    Configuration flinkConf = new Configuration();
    if (kafka == null) {
      sources.add(
          new DetectionJob.NamedSource(
              new PullSource<>(
                  InJvmQueue.feed(HTTP_QUEUE),
                  Boundedness.CONTINUOUS_UNBOUNDED,
                  CompactTypes.RAW_LINE),
              "HTTP ingest"));
    } else {
      EventsTopicAvailability availability =
          new EventsTopicAvailability(kafka.bootstrap(), kafka.eventsTopic())
              .bindTo(metrics.registry());
      ingest =
          new KafkaLineSink(
              kafka.bootstrap(), kafka.eventsTopic(), kafka.transactionalIdPrefix(), availability);
      probe = EventsTopicProbe.start(kafka.bootstrap(), kafka.eventsTopic(), availability);
      eventsStore = availability::unavailable;
      sources.add(kafka.source());
      alertSinks.add(kafka.alertSink());
      if (kafka.kpiTopic() != null) {
        kpiSinks.add(kafka.kpiSink());
      }
      checkpoints.configure(flinkConf);
    }
    sources.addAll(extraSources);
    Path deadLetters = settings.stateDir().resolve("dead-letters.ndjson");
    DetectionJob detection =
        new DetectionJob(
            sources,
            alertSinks,
            kafka == null
                ? NdjsonFileSink.<DeadLetter>appendingRotated(
                    deadLetters,
                    DeadLetter::toJson,
                    settings.deadLetterRotation(),
                    DEAD_LETTER_METRICS)
                : kafka.deadLetterSink(),
            kpiSinks,
            options.withIngestMetrics(INGEST_METRICS));
    detection.withEventMetrics(EVENT_METRICS);
    // A run that ends with its input (--stop-at-end) keeps its rules: an unbounded reload source
    // would keep the job, and the process, from ever finishing.
    boolean bounded = kafka != null && kafka.stopAtEnd();
    if (!bounded) {
      RuleReloads.create(RULE_RELOADS);
      detection.withRuleUpdates(
          new PullSource<>(
              RuleReloads.feed(RULE_RELOADS),
              Boundedness.CONTINUOUS_UNBOUNDED,
              ThresholdAlerting.RULE_FILES_TYPE));
    }
    RulesReloader reloader =
        bounded || rulesDir == null
            ? null
            : new RulesReloader(rulesDir, RULE_RELOADS, options.rules()).watch(RULES_POLL_MS);
    JobClient job =
        detection.executeAsync(FlinkEnvironments.serving(settings.parallelism(), flinkConf));

    // Readiness is the job's state, polled off the request path (asking Flink is a remote call),
    // and with Kafka whether the events topic can be written; Kafka first, as the likelier cause
    // when both are down (the job fails over when it cannot reach the broker).
    AtomicReference<String> jobStatus = new AtomicReference<>("starting");
    Readiness readiness =
        eventsStore.and(
            () -> {
              String status = jobStatus.get();
              return status.equals(JobStatus.RUNNING.name())
                  ? Optional.empty()
                  : Optional.of("the detection job is " + status);
            });
    ScheduledExecutorService watcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cscmon-job-watcher");
              t.setDaemon(true);
              return t;
            });
    watcher.scheduleWithFixedDelay(
        () -> {
          try {
            JobStatus status = job.getJobStatus().get(5, TimeUnit.SECONDS);
            String was = jobStatus.getAndSet(status.name());
            if (was.equals(JobStatus.RUNNING.name()) && status != JobStatus.RUNNING) {
              LOG.error("The detection job is {}", status);
            }
          } catch (Exception e) {
            jobStatus.set("of unknown state (" + e + ")");
          }
        },
        0,
        1,
        TimeUnit.SECONDS);

    Vertx vertx = Vertx.vertx();
    ApiConfig apiConfig =
        ApiConfig.onPort(settings.port())
            .withHost(settings.host())
            .withMaxBodyBytes(settings.maxBodyBytes());
    ApiServer api =
        new ApiServer(
            vertx,
            apiConfig,
            new EventParser(),
            ingest,
            metrics.ingest(),
            alerts.manager(),
            json,
            metrics.registry(),
            readiness,
            alerts.silences(),
            alerts.acks());
    api.withTokens(tokens)
        .withMaxConnections(settings.security().maxConnections())
        .withIngestLimit(IngestLimit.perSecond(settings.security().ingestEventsPerSecond()));
    if (settings.security().tls() != null) {
      api.withTls(settings.security().tls());
    }
    AuditLog audit =
        new AuditLog(Journal.open(settings.stateDir().resolve("audit.ndjson")), Clock.systemUTC());
    api.withAuditLog(audit).withEmergencies(alerts.emergencies());
    if (reloader != null) {
      api.withRulesReload(reloader::handle);
    }
    api.withRoutes(
        new ConsoleRoutes(
                alerts.manager(),
                alerts.silences(),
                alerts.acks(),
                alerts.history(),
                json,
                new BearerAuth(tokens))
            ::mount);
    api.withRejectedLines(
        new io.cscmon.core.ingest.RejectedLines(
            settings.stateDir().resolve("http-rejected.ndjson"),
            settings.deadLetterRotation(),
            deadLetterMetrics.of("http-rejected.ndjson")));
    int port = api.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    EmbeddedService service =
        new EmbeddedService(metrics, alerts, vertx, api, job, watcher, port, deadLetters, reloader);
    service.generatedToken = generated;
    service.savepoints = checkpoints == null ? null : checkpoints.savepoints();
    service.closeables.add(audit);
    if (ingest instanceof AutoCloseable closeable) {
      service.closeables.add(closeable);
    }
    if (probe != null) {
      service.closeables.add(probe);
    }
    return service;
  }

  /**
   * Refuses to start when a receiver or a {@code --webhook} URL points outside the allowed
   * destinations (the config's {@code allowed_destinations} and {@code --webhook-allow}).
   */
  private static void checkDestinations(AlertManagerConfig config, Settings settings) {
    List<String> allowed = new ArrayList<>(settings.security().webhookAllow());
    if (config != null) {
      allowed.addAll(config.allowedDestinations().entries());
    }
    DestinationAllowList allow = new DestinationAllowList(allowed);
    allow.check(config == null ? java.util.Map.of() : config.receivers(), settings.webhooks());
    if (allow.isEmpty()) {
      LOG.warn(
          "Notifications may go to any host; limit them with allowed_destinations in the alert"
              + " config or --webhook-allow");
    }
  }

  int port() {
    return port;
  }

  /** The operator token generated at start (no {@code --tokens}); null with a tokens file. */
  Tokens.Generated generatedToken() {
    return generatedToken;
  }

  Path deadLetters() {
    return deadLetters;
  }

  /**
   * Blocks until the job ends (it runs until the process is stopped); if it ended because a stop
   * began, until that stop is done (its savepoint written), so that the process does not exit
   * first.
   */
  void awaitJob() throws Exception {
    job.getJobExecutionResult().get();
    if (closed.get()) {
      stopped.await(3, TimeUnit.MINUTES);
    }
  }

  /**
   * With Kafka, stops the job with a savepoint in {@code STATE_DIR/savepoints}, which the next
   * start restores (the savepoint-based upgrade: stop, start the new jar); without, cancels it.
   */
  private void stopJob() {
    if (savepoints != null) {
      try {
        String path =
            job.stopWithSavepoint(
                    false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        LOG.info("Detection job stopped with savepoint {}", path);
        System.err.println("cscmon: stopped with savepoint " + path);
        return;
      } catch (Exception e) {
        LOG.warn(
            "No savepoint on stop ({}); cancelling, the latest checkpoint stays", e.toString());
      }
    }
    try {
      job.cancel().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Detection job did not cancel cleanly: {}", e.toString());
    }
  }

  @Override
  public void close() {
    // Once: a signal's stop and the shutdown hook after it both call this.
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    watcher.shutdownNow();
    if (reloader != null) {
      reloader.close();
    }
    try {
      api.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("HTTP server did not stop cleanly: {}", e.toString());
    }
    stopJob();
    stopped.countDown();
    alerts.close();
    for (AutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("{} did not close cleanly: {}", closeable, e.toString());
      }
    }
    vertx.close();
    metrics.close();
    LocalServices.unregister(ALERT_MANAGER);
    LocalServices.unregister(INGEST_METRICS);
    LocalServices.unregister(KPI_GAUGES);
    LocalServices.unregister(EVENT_METRICS);
    InJvmQueue.remove(HTTP_QUEUE);
    RuleReloads.remove(RULE_RELOADS);
  }
}
