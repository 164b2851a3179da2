package io.cscmon.core.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.notify.Notifier;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alertmanager's notification pipeline for the alert manager's changes: route, group, wait, mute,
 * notify, repeat — and escalate, which Alertmanager never did.
 *
 * <ul>
 *   <li><b>Routing</b>: each change goes to every route of the {@link Route} tree that takes the
 *       alert; each route groups by its {@code group_by} labels into aggregation groups.
 *   <li><b>Timing</b>: a new group is first notified {@code group_wait} after its first alert; then
 *       it is looked at every {@code group_interval} and notified when something changed (an alert
 *       fires that receivers were not told of, or was raised to another level, or one they were
 *       told of resolved), or when {@code repeat_interval} has passed since it last notified. An
 *       alert that starts firing at, or is raised to, an urgent level ({@link
 *       RoutingConfig#urgentLevels()}) makes its group notify at once.
 *   <li><b>Muting</b>: a firing alert is left out while a silence matches it, an inhibit rule or a
 *       root cause mutes it; a route notifies nothing while one of its mute time intervals, or none
 *       of its active time intervals, holds. A resolved alert is never muted: receivers told that
 *       it fires are told that it resolved, even if it was silenced meanwhile.
 *   <li><b>Escalation</b>: an alert at a level with an {@link EscalationPolicy} that fires
 *       unacknowledged ({@link Acks}) and unmuted for a step's {@code after} is sent to that step's
 *       receiver; when it resolves, those receivers are told so.
 * </ul>
 *
 * <p>Timers run on the injected wall clock: {@link #tick()} does what is due, and the service calls
 * it every second. Tests advance a fake clock and call {@link #tick()}, without sleeping. Every
 * change is followed by a tick, so an alert due at once is notified before {@link #dispatch}
 * returns. Notifiers queue and return at once (the outbox makes them durable), so the lock held
 * here is never held across a network call.
 */
public final class RoutingDispatcher implements NotificationDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(RoutingDispatcher.class);

  private static final Comparator<Alert> ORDER =
      Comparator.comparingLong(Alert::startsAt).thenComparing(Alert::fingerprint);

  /** Route path of escalation notifications' group keys. */
  public static final String ESCALATION_ROUTE = "{}/escalation";

  private final RoutingConfig config;
  private final Route root;
  private final Map<String, List<Notifier>> receivers;
  private final Silences silences;
  private final Acks acks;
  private final Clock clock;
  private final String externalURL;

  /** Aggregation groups by route key and group key; sorted so ticks are deterministic. */
  private final SortedMap<String, Group> groups = new TreeMap<>();

  /** Every firing alert, for inhibition. */
  private final Map<String, Alert> firing = new HashMap<>();

  /** Resolutions held back by flap damping, by fingerprint, with when they are let through. */
  private final Map<String, Held> held = new LinkedHashMap<>();

  private record Held(AlertChange change, long until) {}

  /** Firing alerts an escalation policy applies to, by fingerprint. */
  private final Map<String, Escalation> escalations = new LinkedHashMap<>();

  /** Told of every escalation step taken (the {@code cscmon_escalations_total} counter). */
  private java.util.function.Consumer<Alert> onEscalation = alert -> {};

  /**
   * @param receivers the notifiers of every receiver name the config uses; a receiver with no
   *     notifiers swallows its notifications (Alertmanager's "null receiver")
   */
  public RoutingDispatcher(
      RoutingConfig config,
      Map<String, List<Notifier>> receivers,
      Silences silences,
      Acks acks,
      Clock clock,
      String externalURL) {
    this.config = config;
    this.root = Route.tree(config.route());
    this.receivers = Map.copyOf(receivers);
    for (String name : config.receivers()) {
      if (!receivers.containsKey(name)) {
        throw new IllegalArgumentException("receiver '" + name + "' is not defined");
      }
    }
    this.silences = silences;
    this.acks = acks;
    this.clock = clock;
    this.externalURL = externalURL;
  }

  /** Calls {@code listener} with the alert of every escalation step taken from now on. */
  public synchronized void onEscalation(java.util.function.Consumer<Alert> listener) {
    this.onEscalation = listener;
  }

  @Override
  public synchronized void dispatch(AlertChange change) {
    long now = clock.millis();
    Alert alert = change.current();
    long keep = config.keepFiringFor().toMillis();
    if (keep > 0 && change.kind() == AlertChange.Kind.RESOLVED && change.previous() != null) {
      // Flap damping: receivers keep seeing the alert fire until the hold ends.
      held.put(alert.fingerprint(), new Held(change, now + keep));
      tick();
      return;
    }
    boolean resumed = alert.isFiring() && held.remove(alert.fingerprint()) != null;
    apply(change, now, resumed);
    tick();
  }

  private void apply(AlertChange change, long now, boolean resumed) {
    Alert alert = change.current();
    if (alert.isFiring()) {
      firing.put(alert.fingerprint(), alert);
    } else {
      firing.remove(alert.fingerprint());
    }
    boolean urgent = change.notifiable() && becameUrgent(change);
    java.util.Set<String> routedTo = new java.util.HashSet<>();
    for (Route route : root.match(alert)) {
      Group group = group(route, alert, now, routedTo);
      group.alerts.put(alert.fingerprint(), alert);
      if (urgent && !resumed) {
        group.nextFlush = Math.min(group.nextFlush, now);
      }
    }
    leaveOtherGroups(alert, routedTo, now);
    track(change, now, resumed);
  }

  /**
   * The group of {@code route} that {@code alert} belongs in, new (its wait starting {@code now})
   * if there is none; its key is added to {@code routedTo}.
   */
  private Group group(Route route, Alert alert, long now, java.util.Set<String> routedTo) {
    GroupKey key = GroupKey.of(route.key(), route.groupBy(), alert);
    String groupKey = route.key() + "\u0000" + key.key();
    routedTo.add(groupKey);
    return groups.computeIfAbsent(
        groupKey, k -> new Group(route, key, now + route.groupWait().toMillis()));
  }

  /**
   * An alert whose labels changed without changing its identity (the center's EmergencyActivation
   * takes the risk of its worst alert: technical, then operational) may route elsewhere. The groups
   * it was in before still held its old version as firing, repeated it at every repeat interval for
   * good (a black-box sweep: /noc paged every few minutes with a level III that had gone to the
   * business route as level I). It leaves them as resolved — what Alertmanager's receivers see when
   * an alert stops being sent — so receivers told of it close it; its {@code endsAt} is the
   * manager's clock, since leaving a route happens at no event time.
   */
  private void leaveOtherGroups(Alert alert, java.util.Set<String> routedTo, long now) {
    for (Map.Entry<String, Group> e : groups.entrySet()) {
      Alert before = e.getValue().alerts.get(alert.fingerprint());
      if (before != null && before.isFiring() && !routedTo.contains(e.getKey())) {
        Map<String, String> annotations = new TreeMap<>(before.annotations());
        annotations.put(
            "moved", "its labels changed and it now goes to another route; see the alert there");
        e.getValue()
            .alerts
            .put(
                alert.fingerprint(),
                before.resolved(Math.max(now, before.startsAt()), annotations));
      }
    }
  }

  /** Sends what is due by the clock. */
  public synchronized void tick() {
    long now = clock.millis();
    Iterator<Held> due = held.values().iterator();
    while (due.hasNext()) {
      Held h = due.next();
      if (h.until() <= now) {
        due.remove();
        apply(h.change(), now, false);
      }
    }
    Iterator<Group> it = groups.values().iterator();
    while (it.hasNext()) {
      Group group = it.next();
      if (group.nextFlush <= now) {
        flush(group, now);
        if (group.alerts.isEmpty()) {
          it.remove();
        }
      }
    }
    escalate(now);
  }

  /** Why {@code alert} is not notified now: silence ids, "inhibited", or empty when it is not. */
  public synchronized List<String> mutedBy(Alert alert) {
    List<String> reasons = new ArrayList<>(silences.mutedBy(alert.labels()));
    if (inhibited(alert)) {
      reasons.add("inhibited");
    }
    return reasons;
  }

  /** Whether an inhibit rule or a {@code root_cause} tie mutes {@code alert}, a firing one, now. */
  public synchronized boolean inhibits(Alert alert) {
    return alert.isFiring() && inhibited(alert);
  }

  private boolean becameUrgent(AlertChange change) {
    EmergencyLevel level = level(change.current());
    if (!change.current().isFiring() || !config.urgentLevels().contains(level)) {
      return false;
    }
    return change.kind() == AlertChange.Kind.FIRED
        || change.previous() == null
        || level.moreSevereThan(level(change.previous()));
  }

  private static EmergencyLevel level(Alert alert) {
    try {
      return EmergencyLevel.fromLabel(alert.labels().getOrDefault(Labels.EMERGENCY_LEVEL, "none"));
    } catch (IllegalArgumentException e) {
      return EmergencyLevel.NONE;
    }
  }

  private boolean muted(Alert alert) {
    return silences.mutes(alert.labels()) || inhibited(alert);
  }

  private boolean inhibited(Alert alert) {
    for (InhibitRule rule : config.inhibitRules()) {
      if (rule.inhibits(alert, firing.values())) {
        return true;
      }
    }
    return config.rootCauseInhibition() && InhibitRule.rootCauseFires(alert, firing.values());
  }

  private boolean routeMuted(Route route, long now) {
    Instant t = Instant.ofEpochMilli(now);
    for (String name : route.muteTimeIntervals()) {
      if (TimeInterval.any(config.timeIntervals().get(name), t)) {
        return true;
      }
    }
    if (route.activeTimeIntervals().isEmpty()) {
      return false;
    }
    for (String name : route.activeTimeIntervals()) {
      if (TimeInterval.any(config.timeIntervals().get(name), t)) {
        return false;
      }
    }
    return true;
  }

  private void flush(Group group, long now) {
    Route route = group.route;
    group.nextFlush = now + route.groupInterval().toMillis();
    if (routeMuted(route, now)) {
      return; // Alertmanager drops, not delays, what a mute time interval covers
    }
    List<Alert> firingNow = new ArrayList<>();
    List<Alert> resolvedNow = new ArrayList<>();
    for (Alert alert : group.alerts.values()) {
      if (alert.isFiring()) {
        if (!muted(alert)) {
          firingNow.add(alert);
        }
      } else if (group.notified.containsKey(alert.fingerprint())) {
        resolvedNow.add(alert);
      }
    }
    boolean changed = !resolvedNow.isEmpty();
    for (Alert alert : firingNow) {
      changed |= !alert.labels().equals(group.notified.get(alert.fingerprint()));
    }
    boolean repeat =
        !firingNow.isEmpty()
            && group.lastNotified != Long.MIN_VALUE
            && now - group.lastNotified >= route.repeatInterval().toMillis();
    // Resolved alerts leave the group once looked at: told now, or never told that they fired.
    group.alerts.values().removeIf(a -> !a.isFiring());
    if (!changed && !repeat) {
      return;
    }
    List<Alert> alerts = new ArrayList<>(firingNow);
    alerts.addAll(resolvedNow);
    alerts.sort(ORDER);
    send(route.receiver(), group.key.labels(), group.key.key(), alerts);
    // Receivers now know of the alerts just sent as firing, and still of those told before that
    // are muted now: when one of those resolves, they hear of it.
    for (Alert alert : resolvedNow) {
      group.notified.remove(alert.fingerprint());
    }
    for (Alert alert : firingNow) {
      group.notified.put(alert.fingerprint(), alert.labels());
    }
    group.notified.keySet().retainAll(group.alerts.keySet());
    group.lastNotified = now;
  }

  private void send(
      String receiver, Map<String, String> groupLabels, String groupKey, List<Alert> alerts) {
    for (Notifier notifier : receivers.get(receiver)) {
      WebhookMessage message =
          WebhookMessage.of(notifier.receiver(), groupLabels, groupKey, alerts, externalURL, 0);
      try {
        notifier.notify(message);
      } catch (RuntimeException e) {
        // A notifier must not throw; if one does, the others are still told.
        LOG.error("notifier {} threw for {}", notifier.receiver(), groupKey, e);
      }
    }
  }

  // --- state across restarts ---

  /**
   * Everything that decides what is sent next: the groups (their alerts, what their receivers were
   * told, their timers), the firing alerts behind inhibition, held resolutions and escalations.
   * Times are wall-clock milliseconds, so timers carry on after a restart where they were.
   */
  synchronized ObjectNode snapshot() {
    ObjectNode o = AlertCodec.MAPPER.createObjectNode();
    ArrayNode gs = o.putArray("groups");
    for (Group g : groups.values()) {
      ObjectNode go = gs.addObject();
      go.put("route", g.route.key());
      go.put("key", g.key.key());
      ArrayNode alerts = go.putArray("alerts");
      g.alerts.values().forEach(a -> alerts.add(AlertCodec.toJson(a)));
      ObjectNode notified = go.putObject("notified");
      new TreeMap<>(g.notified).forEach((fp, labels) -> notified.set(fp, AlertCodec.map(labels)));
      go.put("nextFlush", g.nextFlush);
      go.put("lastNotified", g.lastNotified);
    }
    ArrayNode f = o.putArray("firing");
    new TreeMap<>(firing).values().forEach(a -> f.add(AlertCodec.toJson(a)));
    ArrayNode hs = o.putArray("held");
    for (Held h : held.values()) {
      ObjectNode ho = hs.addObject();
      ho.put("kind", h.change().kind().name());
      if (h.change().previous() != null) {
        ho.set("previous", AlertCodec.toJson(h.change().previous()));
      }
      ho.set("current", AlertCodec.toJson(h.change().current()));
      ho.put("until", h.until());
    }
    ArrayNode es = o.putArray("escalations");
    for (Escalation e : escalations.values()) {
      ObjectNode eo = es.addObject();
      eo.set("first", AlertCodec.toJson(e.first));
      eo.set("alert", AlertCodec.toJson(e.alert));
      eo.put("since", e.since);
      eo.put("stepsDone", e.stepsDone);
      ArrayNode to = eo.putArray("escalatedTo");
      e.escalatedTo.forEach(to::add);
    }
    return o;
  }

  /**
   * Takes back a {@link #snapshot()} under this dispatcher's configuration. A group whose route or
   * grouping no longer exists (the config changed) is dropped, and so is an escalation whose level
   * has no policy now; each is logged.
   */
  synchronized void restore(JsonNode state) {
    groups.clear();
    firing.clear();
    held.clear();
    escalations.clear();
    for (JsonNode go : state.path("groups")) {
      String routeKey = go.path("route").asText();
      Route route =
          root.all().stream().filter(r -> r.key().equals(routeKey)).findFirst().orElse(null);
      List<Alert> alerts = new ArrayList<>();
      go.path("alerts").forEach(a -> alerts.add(AlertCodec.fromJson(a)));
      if (route == null || alerts.isEmpty()) {
        LOG.warn(
            "state: group {} dropped, route {} is not configured now", go.path("key"), routeKey);
        continue;
      }
      GroupKey key = GroupKey.of(route.key(), route.groupBy(), alerts.get(0));
      if (!key.key().equals(go.path("key").asText())) {
        LOG.warn("state: group {} dropped, its route groups otherwise now", go.path("key"));
        continue;
      }
      Group g = new Group(route, key, go.path("nextFlush").asLong());
      alerts.forEach(a -> g.alerts.put(a.fingerprint(), a));
      go.path("notified")
          .properties()
          .forEach(e -> g.notified.put(e.getKey(), AlertCodec.sorted(e.getValue())));
      g.lastNotified = go.path("lastNotified").asLong(Long.MIN_VALUE);
      groups.put(route.key() + "\u0000" + key.key(), g);
    }
    for (JsonNode a : state.path("firing")) {
      Alert alert = AlertCodec.fromJson(a);
      firing.put(alert.fingerprint(), alert);
    }
    reroute(clock.millis());
    for (JsonNode ho : state.path("held")) {
      Alert current = AlertCodec.fromJson(ho.path("current"));
      Alert previous = ho.has("previous") ? AlertCodec.fromJson(ho.path("previous")) : null;
      AlertChange change =
          new AlertChange(previous, current, AlertChange.Kind.valueOf(ho.path("kind").asText()));
      held.put(current.fingerprint(), new Held(change, ho.path("until").asLong()));
    }
    for (JsonNode eo : state.path("escalations")) {
      Alert alert = AlertCodec.fromJson(eo.path("alert"));
      Optional<EscalationPolicy> policy = policy(alert);
      if (policy.isEmpty()) {
        LOG.warn(
            "state: escalation of {} dropped, no policy for its level now", alert.fingerprint());
        continue;
      }
      Escalation e =
          new Escalation(
              AlertCodec.fromJson(eo.path("first")), eo.path("since").asLong(), policy.get());
      e.alert = alert;
      e.stepsDone = Math.min(eo.path("stepsDone").asInt(), policy.get().steps().size());
      for (JsonNode r : eo.path("escalatedTo")) {
        if (receivers.containsKey(r.asText())) { // a receiver since removed cannot be told
          e.escalatedTo.add(r.asText());
        }
      }
      escalations.put(alert.fingerprint(), e);
    }
  }

  /**
   * After a restart under another route tree, the firing alerts go where the tree sends them now: a
   * group the tree no longer has was dropped, and its alerts must not reach nobody (Alertmanager
   * routes what fires through its current configuration). Each joins its current routes' groups it
   * is missing from, which tell it as new after their group wait, and leaves the groups it no
   * longer routes to; under an unchanged tree every alert is already where it belongs and nothing
   * is told again.
   */
  private void reroute(long now) {
    for (Alert alert : new ArrayList<>(firing.values())) {
      java.util.Set<String> routedTo = new java.util.HashSet<>();
      for (Route route : root.match(alert)) {
        group(route, alert, now, routedTo).alerts.putIfAbsent(alert.fingerprint(), alert);
      }
      leaveOtherGroups(alert, routedTo, now);
    }
  }

  // --- escalation ---

  private Optional<EscalationPolicy> policy(Alert alert) {
    EmergencyLevel level = level(alert);
    return config.escalations().stream().filter(p -> p.levels().contains(level)).findFirst();
  }

  private void track(AlertChange change, long now, boolean resumed) {
    Alert alert = change.current();
    Escalation e = escalations.get(alert.fingerprint());
    if (alert.isFiring()) {
      Optional<EscalationPolicy> policy = policy(alert);
      if (e != null && e.alert.startsAt() != alert.startsAt() && !resumed) {
        resolveEscalation(e, null);
        escalations.remove(alert.fingerprint());
        e = null;
      }
      if (e == null) {
        if (policy.isPresent()) {
          escalations.put(alert.fingerprint(), new Escalation(alert, now, policy.get()));
        }
      } else {
        e.alert = alert;
        // Raised to a level with another chain: follow that one from the same start.
        if (policy.isPresent()) {
          e.policy = policy.get();
        }
      }
    } else if (e != null) {
      resolveEscalation(e, alert);
      escalations.remove(alert.fingerprint());
    }
  }

  private void resolveEscalation(Escalation e, Alert resolved) {
    if (resolved == null || e.escalatedTo.isEmpty()) {
      return;
    }
    for (String receiver : e.escalatedTo) {
      send(receiver, escalationLabels(resolved), escalationKey(resolved), List.of(resolved));
    }
  }

  private void escalate(long now) {
    for (Escalation e : escalations.values()) {
      if (acks.of(e.alert).isPresent() || acks.of(e.first).isPresent() || muted(e.alert)) {
        continue;
      }
      List<EscalationPolicy.Step> steps = e.policy.steps();
      while (e.stepsDone < steps.size()
          && e.since + steps.get(e.stepsDone).after().toMillis() <= now) {
        EscalationPolicy.Step step = steps.get(e.stepsDone++);
        if (e.escalatedTo.add(step.receiver())) {
          LOG.info(
              "escalating {} ({}) to {}: unacknowledged for {}",
              e.alert.alertname(),
              e.alert.fingerprint(),
              step.receiver(),
              step.after());
        }
        send(step.receiver(), escalationLabels(e.alert), escalationKey(e.alert), List.of(e.alert));
        onEscalation.accept(e.alert);
      }
    }
  }

  private static Map<String, String> escalationLabels(Alert alert) {
    Map<String, String> labels = new TreeMap<>();
    for (String name : GroupKey.GROUP_BY) {
      String v = alert.label(name);
      if (v != null) {
        labels.put(name, v);
      }
    }
    return labels;
  }

  private static String escalationKey(Alert alert) {
    StringBuilder key = new StringBuilder(ESCALATION_ROUTE).append(":{fingerprint=");
    GroupKey.quote(key, alert.fingerprint());
    return key.append('}').toString();
  }

  private static final class Group {
    final Route route;
    final GroupKey key;
    final Map<String, Alert> alerts = new LinkedHashMap<>();

    /** Labels of the firing alerts the last notification told of, by fingerprint. */
    final Map<String, SortedMap<String, String>> notified = new HashMap<>();

    long nextFlush;
    long lastNotified = Long.MIN_VALUE;

    Group(Route route, GroupKey key, long firstFlush) {
      this.route = route;
      this.key = key;
      this.nextFlush = firstFlush;
    }
  }

  private static final class Escalation {
    /** The episode the chain started with; an ack of it counts after a flap too. */
    final Alert first;

    Alert alert;
    final long since;
    EscalationPolicy policy;
    int stepsDone;
    final java.util.Set<String> escalatedTo = new java.util.LinkedHashSet<>();

    Escalation(Alert alert, long since, EscalationPolicy policy) {
      this.first = alert;
      this.alert = alert;
      this.since = since;
      this.policy = policy;
    }
  }
}
