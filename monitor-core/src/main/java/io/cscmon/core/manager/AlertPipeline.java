package io.cscmon.core.manager;

import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.journal.Journal;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.notify.DurableNotifier;
import io.cscmon.core.notify.Notifier;
import io.cscmon.core.notify.Outbox;
import io.cscmon.core.notify.ReceiverRateLimit;
import io.cscmon.core.notify.ReceiverSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert manager with everything behind it, as the service runs it: the {@link AlertManager},
 * the {@link RoutingDispatcher} ticked every second, every receiver's notifiers made durable
 * through one {@link Outbox}, the silences and acks, and the alerts with what receivers were told
 * of them — all kept in {@code stateDir} ({@code outbox.ndjson}, {@code silences.ndjson}, {@code
 * acks.ndjson}, {@code emergencies.ndjson}, {@code alert-state.ndjson}) so that a restart loses
 * none of them.
 */
public final class AlertPipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertPipeline.class);

  /** The root receiver when there is no config file: what {@code --webhook} URLs are added to. */
  public static final String DEFAULT_RECEIVER = "default";

  private final AlertManager manager;
  private final RoutingDispatcher dispatcher;
  private final Silences silences;
  private final Acks acks;
  private final AlertHistory history;
  private final EmergencyActivations emergencies;
  private final List<Notifier> notifiers;
  private final List<AutoCloseable> stores;
  private final ScheduledExecutorService ticker;

  private AlertPipeline(
      AlertManager manager,
      RoutingDispatcher dispatcher,
      Silences silences,
      Acks acks,
      AlertHistory history,
      EmergencyActivations emergencies,
      List<Notifier> notifiers,
      List<AutoCloseable> stores,
      ScheduledExecutorService ticker) {
    this.manager = manager;
    this.dispatcher = dispatcher;
    this.silences = silences;
    this.acks = acks;
    this.history = history;
    this.emergencies = emergencies;
    this.notifiers = notifiers;
    this.stores = stores;
    this.ticker = ticker;
  }

  /**
   * @param config the routing file, or {@code null}: everything to the {@code --webhook} URLs with
   *     the default timings
   * @param webhooks {@code --webhook} URLs; added to the root route's receiver, each as receiver
   *     {@code webhook} (one) or {@code webhook-N} (several), as before there was a config file
   */
  public static AlertPipeline start(
      AlertManagerConfig config,
      List<URI> webhooks,
      String webhookSecret,
      Path stateDir,
      AlertJson json,
      Metrics metrics,
      Clock clock,
      String externalUrl) {
    RoutingConfig routing = config == null ? RoutingConfig.to(DEFAULT_RECEIVER) : config.routing();
    Journal outboxJournal = Journal.open(stateDir.resolve("outbox.ndjson"));
    Outbox outbox = new Outbox(outboxJournal, json, clock);
    metrics.notifications().pending(outbox::pendingCount);
    metrics.notifications().outboxWriteFailures(outbox, Outbox::writeFailures);
    Journal silenceJournal = Journal.open(stateDir.resolve("silences.ndjson"));
    Journal ackJournal = Journal.open(stateDir.resolve("acks.ndjson"));
    Silences silences = new Silences(clock, silenceJournal);
    Acks acks = new Acks(clock, ackJournal);
    Journal emergencyJournal = Journal.open(stateDir.resolve("emergencies.ndjson"));
    EmergencyActivations emergencies = new EmergencyActivations(clock, emergencyJournal);

    Map<String, List<Notifier>> byReceiver = new LinkedHashMap<>();
    List<Notifier> all = new ArrayList<>();
    Map<String, List<ReceiverSpec>> specs = config == null ? Map.of() : config.receivers();
    for (String receiver : routing.receivers()) {
      List<Notifier> list = new ArrayList<>();
      List<ReceiverSpec> integrations = specs.getOrDefault(receiver, List.of());
      for (int i = 0; i < integrations.size(); i++) {
        ReceiverSpec spec = integrations.get(i);
        Notifier raw = spec.create(receiver, json, metrics.notifications(), clock);
        int perMinute = config.maxPerMinute().getOrDefault(receiver, spec.defaultMaxPerMinute());
        ReceiverRateLimit limit =
            perMinute > 0
                ? ReceiverRateLimit.perMinute(perMinute, receiver, metrics.registry(), clock)
                : null;
        list.add(DurableNotifier.of(raw, receiver + "/" + i, outbox, clock, limit));
      }
      byReceiver.put(receiver, list);
    }
    String root = Route.tree(routing.route()).receiver();
    for (int i = 0; i < webhooks.size(); i++) {
      String name = webhooks.size() == 1 ? "webhook" : "webhook-" + (i + 1);
      Notifier raw =
          new ReceiverSpec.Webhook(webhooks.get(i), webhookSecret)
              .create(name, json, metrics.notifications(), clock);
      byReceiver.get(root).add(DurableNotifier.of(raw, "--webhook/" + name, outbox, clock));
    }
    byReceiver.values().forEach(all::addAll);
    if (outbox.pendingCount() > 0) {
      LOG.info("outbox: {} notifications pending from before the restart", outbox.pendingCount());
    }

    RoutingDispatcher dispatcher =
        new RoutingDispatcher(routing, byReceiver, silences, acks, clock, externalUrl);
    AlertHistory history = new AlertHistory(clock);
    AlertManager manager =
        new AlertManager(
            metrics.alerts(), history.recordingInto(emergencies.recordingInto(dispatcher)));
    manager.inhibitedBy(dispatcher::inhibits);
    metrics.alertManager().silencesActive(() -> activeSilences(silences));
    metrics
        .alertManager()
        .acknowledged(() -> manager.active().stream().filter(a -> acks.of(a).isPresent()).count());
    dispatcher.onEscalation(
        alert ->
            metrics
                .alertManager()
                .escalated(alert.label(io.cscmon.core.alert.Labels.EMERGENCY_LEVEL)));
    AlertStateStore state =
        new AlertStateStore(
            Journal.open(stateDir.resolve("alert-state.ndjson")), manager, dispatcher);
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cscmon-alert-timers");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleWithFixedDelay(
        () -> {
          try {
            dispatcher.tick();
            state.save();
          } catch (RuntimeException e) {
            LOG.error("alert timers failed", e);
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
    return new AlertPipeline(
        manager,
        dispatcher,
        silences,
        acks,
        history,
        emergencies,
        all,
        List.of(state, outbox, silenceJournal, ackJournal, emergencyJournal),
        ticker);
  }

  private static long activeSilences(Silences silences) {
    long now = silences.now();
    return silences.list().stream().filter(s -> s.state(now) == Silence.State.ACTIVE).count();
  }

  public AlertManager manager() {
    return manager;
  }

  public RoutingDispatcher dispatcher() {
    return dispatcher;
  }

  public Silences silences() {
    return silences;
  }

  public Acks acks() {
    return acks;
  }

  /** Each alert's changes and the emergency activation timeline, for the console. */
  public AlertHistory history() {
    return history;
  }

  /** The emergency activations and their lifecycle, for {@code /api/v1/emergencies}. */
  public EmergencyActivations emergencies() {
    return emergencies;
  }

  /** Stops the timers and the notifiers; what is not delivered stays in the outbox. */
  @Override
  public void close() {
    ticker.shutdownNow();
    for (Notifier n : notifiers) {
      try {
        n.close();
      } catch (RuntimeException e) {
        LOG.warn("notifier {} did not close cleanly: {}", n.receiver(), e.toString());
      }
    }
    for (AutoCloseable c : stores) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing {}: {}", c, e.toString());
      }
    }
  }
}
