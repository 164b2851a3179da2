package io.cscmon.core.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.metrics.AlertMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the current state of every alert and tells receivers about changes. Rules emit every state
 * change (firing, firing again at another emergency level, resolved); the manager keeps one state
 * per fingerprint, drops identical repeats and stale states ({@link AlertChange#classify}), keeps
 * the firing-alert gauges right and hands each accepted change to the {@link
 * NotificationDispatcher}.
 *
 * <p>Thread-safe: Flink sink subtasks call {@link #receive} concurrently. One lock serialises
 * changes, so the dispatcher sees them in a single order; it only queues, so the lock is held
 * briefly and no caller waits for HTTP.
 */
public final class AlertManager implements AlertQuery {

  /** How many resolved alerts {@link #all()} remembers. */
  public static final int DEFAULT_RESOLVED_CAPACITY = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(AlertManager.class);

  private static final Comparator<Alert> NEWEST_START =
      Comparator.comparingLong(Alert::startsAt).reversed().thenComparing(Alert::fingerprint);
  private static final Comparator<Alert> LATEST_END =
      Comparator.comparingLong(Alert::endsAt).reversed().thenComparing(Alert::fingerprint);

  private final AlertMetrics metrics;
  private final NotificationDispatcher dispatcher;
  private final int resolvedCapacity;

  private final Map<String, Alert> firing = new HashMap<>();

  /** Answers {@link #inhibited}: the routing dispatcher's inhibition, when there is one. */
  private volatile Predicate<Alert> inhibition = alert -> false;

  /**
   * Firing alerts restored by {@link #restore} that the rules have not raised again since. With the
   * embedded pipeline the detection job starts afresh after a restart and raises an ongoing
   * condition again with a later {@code startsAt}: that is the same incident continuing, not a new
   * one to page people for.
   */
  private final Set<String> unconfirmed = new HashSet<>();

  /**
   * Restored alerts the rules raised again after a restart, by fingerprint: see {@link #receive}.
   */
  private final Map<String, Continued> continued = new HashMap<>();

  /**
   * The rules' episode starting at {@code raisedAt} continues the one starting at {@code startsAt}.
   */
  /**
   * A restored alert the job raised again: when, the start it continues, and the level and severity
   * receivers were told (a floor while the episode goes on; null from older state: none).
   */
  private record Continued(long raisedAt, long startsAt, String level, String severity) {}

  /** Runs after each accepted change, under this manager's lock (the state file is written). */
  private Runnable afterChange = () -> {};

  /** Resolved alerts by fingerprint, oldest resolution first; the oldest go beyond capacity. */
  private final LinkedHashMap<String, Alert> resolved = new LinkedHashMap<>();

  public AlertManager(AlertMetrics metrics, NotificationDispatcher dispatcher) {
    this(metrics, dispatcher, DEFAULT_RESOLVED_CAPACITY);
  }

  public AlertManager(
      AlertMetrics metrics, NotificationDispatcher dispatcher, int resolvedCapacity) {
    if (resolvedCapacity < 0) {
      throw new IllegalArgumentException("resolvedCapacity must not be negative");
    }
    this.metrics = metrics;
    this.dispatcher = dispatcher;
    this.resolvedCapacity = resolvedCapacity;
    metrics.firing(List.of());
  }

  /** Where {@link #inhibited} asks; the pipeline passes its routing dispatcher's inhibition. */
  public AlertManager inhibitedBy(Predicate<Alert> inhibition) {
    this.inhibition = Objects.requireNonNull(inhibition, "inhibition");
    return this;
  }

  /** Not under this manager's lock: only the dispatcher's is needed. */
  @Override
  public boolean inhibited(Alert alert) {
    return inhibition.test(alert);
  }

  /**
   * Takes one alert state change. A restored firing alert that the rules raise again with a later
   * {@code startsAt} (the job started afresh) continues: this and every later state of that episode
   * keep the restored {@code startsAt}, so receivers are not told it fires again, its escalation
   * and acknowledgement carry on, and its resolution closes the incident they were told of.
   */
  public synchronized void receive(Alert alert) {
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(alert.fingerprint(), "fingerprint");
    alert = continuing(alert);
    String fp = alert.fingerprint();
    Alert previous = firing.containsKey(fp) ? firing.get(fp) : resolved.get(fp);
    AlertChange change = AlertChange.classify(previous, alert);
    if (change == null) {
      return;
    }
    if (alert.isFiring()) {
      resolved.remove(fp);
      firing.put(fp, alert);
    } else {
      firing.remove(fp);
      resolved.remove(fp); // re-insert at the end: the newest resolution
      resolved.put(fp, alert);
      while (resolved.size() > resolvedCapacity) {
        String forgotten = resolved.keySet().iterator().next();
        resolved.remove(forgotten);
        continued.remove(forgotten); // bounded as the resolved alerts are
      }
    }
    metrics.firing(firing.values());
    dispatcher.dispatch(change);
    afterChange.run();
  }

  private Alert continuing(Alert alert) {
    String fp = alert.fingerprint();
    Alert restored = firing.get(fp);
    if (unconfirmed.remove(fp)
        && alert.isFiring()
        && restored != null
        && alert.startsAt() > restored.startsAt()) {
      continued.put(
          fp,
          new Continued(
              alert.startsAt(),
              restored.startsAt(),
              restored.label(Labels.EMERGENCY_LEVEL),
              restored.label(Labels.SEVERITY)));
      LOG.info(
          "alert {} {} raised again after the restart: continues the one firing since {}",
          alert.alertname(),
          fp,
          java.time.Instant.ofEpochMilli(restored.startsAt()));
    }
    Continued c = continued.get(fp);
    if (c == null) {
      return alert;
    }
    if (alert.startsAt() == c.raisedAt()) {
      return new Alert(
          alert.status(),
          atLeastAsTold(alert, c),
          alert.annotations(),
          c.startsAt(),
          alert.endsAt(),
          alert.generatorURL(),
          fp);
    }
    if (alert.startsAt() > c.raisedAt()) {
      continued.remove(fp); // a later episode: the continued one is over
    }
    return alert;
  }

  /**
   * A continued alert's labels at no lower a level than receivers were told before the restart: the
   * restarted job's counts build up again and raise it through the levels (II, then I again for an
   * incident at I all along), which receivers heard as a downgrade and a new escalation. It rises
   * above that level as ever, and the floor follows it up.
   */
  private java.util.SortedMap<String, String> atLeastAsTold(Alert alert, Continued c) {
    if (c.level() == null || !alert.isFiring()) {
      return alert.labels();
    }
    EmergencyLevel told = levelOf(c.level());
    EmergencyLevel now = levelOf(alert.label(Labels.EMERGENCY_LEVEL));
    if (told == null || now == null || !told.moreSevereThan(now)) {
      if (now != null && told != null && now.moreSevereThan(told)) {
        continued.put(
            alert.fingerprint(),
            new Continued(c.raisedAt(), c.startsAt(), now.label(), alert.label(Labels.SEVERITY)));
      }
      return alert.labels();
    }
    java.util.SortedMap<String, String> labels = new java.util.TreeMap<>(alert.labels());
    labels.put(Labels.EMERGENCY_LEVEL, c.level());
    if (c.severity() != null) {
      labels.put(Labels.SEVERITY, c.severity());
    }
    return labels;
  }

  private static EmergencyLevel levelOf(String label) {
    try {
      return label == null ? null : EmergencyLevel.fromLabel(label);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** {@code hook} runs after every accepted change, with this manager locked. */
  public synchronized void afterChange(Runnable hook) {
    this.afterChange = hook;
  }

  /**
   * The firing and the remembered resolved alerts (oldest resolution first), for the state file.
   */
  synchronized ObjectNode snapshot() {
    ObjectNode o = AlertCodec.MAPPER.createObjectNode();
    ArrayNode f = o.putArray("firing");
    active().forEach(a -> f.add(AlertCodec.toJson(a)));
    ArrayNode r = o.putArray("resolved");
    resolved.values().forEach(a -> r.add(AlertCodec.toJson(a)));
    ArrayNode c = o.putArray("continued");
    continued.forEach(
        (fp, k) ->
            c.addObject()
                .put("fingerprint", fp)
                .put("raisedAt", k.raisedAt())
                .put("startsAt", k.startsAt())
                .put("level", k.level())
                .put("severity", k.severity()));
    return o;
  }

  /** Takes back a {@link #snapshot()}, telling nobody: receivers were told before. */
  synchronized void restore(JsonNode state) {
    firing.clear();
    resolved.clear();
    for (JsonNode a : state.path("firing")) {
      Alert alert = AlertCodec.fromJson(a);
      firing.put(alert.fingerprint(), alert);
    }
    for (JsonNode a : state.path("resolved")) {
      Alert alert = AlertCodec.fromJson(a);
      resolved.put(alert.fingerprint(), alert);
    }
    continued.clear();
    for (JsonNode k : state.path("continued")) {
      continued.put(
          k.path("fingerprint").asText(),
          new Continued(
              k.path("raisedAt").asLong(),
              k.path("startsAt").asLong(),
              k.hasNonNull("level") ? k.path("level").asText() : null,
              k.hasNonNull("severity") ? k.path("severity").asText() : null));
    }
    unconfirmed.clear();
    unconfirmed.addAll(firing.keySet());
    metrics.firing(firing.values());
  }

  @Override
  public synchronized List<Alert> active() {
    List<Alert> out = new ArrayList<>(firing.values());
    out.sort(NEWEST_START);
    return out;
  }

  @Override
  public synchronized List<Alert> all() {
    List<Alert> out = active();
    List<Alert> ended = new ArrayList<>(resolved.values());
    ended.sort(LATEST_END);
    out.addAll(ended);
    return out;
  }
}
