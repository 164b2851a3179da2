package io.cscmon.core.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.metrics.AlertMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

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

  /** Takes one alert state change. */
  public synchronized void receive(Alert alert) {
    Objects.requireNonNull(alert, "alert");
    String fp = Objects.requireNonNull(alert.fingerprint(), "fingerprint");
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
        resolved.remove(resolved.keySet().iterator().next());
      }
    }
    metrics.firing(firing.values());
    dispatcher.dispatch(change);
    afterChange.run();
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
