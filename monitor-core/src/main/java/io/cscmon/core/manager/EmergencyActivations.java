package io.cscmon.core.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.journal.Journal;
import io.cscmon.core.rule.EmergencyActivation;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The center's emergency activations (PLAN 一、紧急预案启动流程) and what people did about them: one per
 * episode of a center's {@link EmergencyActivation} alert. It opens {@code activated} when that
 * alert fires, records each level change, becomes {@code recovered} when the alert resolves;
 * operators move it {@code acknowledged} → {@code responding} and, once recovered, {@code closed}.
 *
 * <p>Kept in memory and, given a {@link Journal}, on disk: each change appends the activation's
 * whole new state as one line (the last line of an id wins), and opening compacts the file to one
 * line per activation, the newest {@value #KEPT} of them. Activations change a few times an hour at
 * most, so whole-state lines cost nothing and make the file readable with {@code tail}.
 * Thread-safe.
 */
public final class EmergencyActivations {

  private static final Logger LOG = LoggerFactory.getLogger(EmergencyActivations.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** How many activations are kept (the oldest go on compaction). */
  static final int KEPT = 1000;

  /** Who made the steps the alert itself caused. */
  public static final String SYSTEM = "cscmon";

  public enum State {
    ACTIVATED,
    ACKNOWLEDGED,
    RESPONDING,
    RECOVERED,
    CLOSED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State fromWire(String name) {
      for (State s : values()) {
        if (s.wireName().equals(name)) {
          return s;
        }
      }
      throw new IllegalArgumentException(
          "state '"
              + name
              + "' is not one of activated, acknowledged, responding, recovered, closed");
    }
  }

  /**
   * One step of an activation's timeline: its state and level after the step.
   *
   * @param at wall-clock time (ms)
   * @param by the operator, or {@value #SYSTEM} for what the alert did
   */
  public record Step(State state, EmergencyLevel level, long at, String by, String comment) {}

  /**
   * One activation.
   *
   * @param id {@code <fingerprint>-<startsAt>}: stable across restarts and replays
   * @param startsAt event time the emergency alert started (ms)
   * @param timeline oldest step first; the last one holds the current state and level
   */
  public record Activation(
      String id, String center, String fingerprint, long startsAt, List<Step> timeline) {

    public Activation {
      timeline = List.copyOf(timeline);
    }

    public State state() {
      return timeline.get(timeline.size() - 1).state();
    }

    public EmergencyLevel level() {
      return timeline.get(timeline.size() - 1).level();
    }

    /** When it opened (wall clock, ms). */
    public long activatedAt() {
      return timeline.get(0).at();
    }

    Activation with(Step step) {
      List<Step> steps = new ArrayList<>(timeline);
      steps.add(step);
      return new Activation(id, center, fingerprint, startsAt, steps);
    }
  }

  private final Clock clock;
  private final Journal journal;

  /** By id, in the order they opened. */
  private final LinkedHashMap<String, Activation> byId = new LinkedHashMap<>();

  public EmergencyActivations(Clock clock) {
    this(clock, null);
  }

  public EmergencyActivations(Clock clock, Journal journal) {
    this.clock = clock;
    this.journal = journal;
    if (journal != null) {
      for (String record : journal.recovered()) {
        Activation a = decode(record);
        byId.put(a.id(), a);
      }
      List<Activation> kept = new ArrayList<>(byId.values());
      kept.sort(Comparator.comparingLong(Activation::activatedAt));
      byId.clear();
      kept.subList(Math.max(0, kept.size() - KEPT), kept.size()).forEach(a -> byId.put(a.id(), a));
      journal.rewrite(byId.values().stream().map(EmergencyActivations::encode).toList());
    }
  }

  /**
   * A dispatcher that records each change of an emergency alert here, then hands every change to
   * {@code next}. A failure to record is logged and does not hold back the notifications.
   */
  public NotificationDispatcher recordingInto(NotificationDispatcher next) {
    return change -> {
      try {
        record(change);
      } catch (RuntimeException e) {
        LOG.error("emergency activation of {} not recorded", change.current().fingerprint(), e);
      }
      next.dispatch(change);
    };
  }

  /** Takes one change of any alert; only a center's {@link EmergencyActivation} alert counts. */
  public synchronized void record(AlertChange change) {
    Alert alert = change.current();
    if (!EmergencyActivation.ALERTNAME.equals(alert.alertname())) {
      return;
    }
    String id = idOf(alert);
    Activation existing = byId.get(id);
    long now = clock.millis();
    switch (change.kind()) {
      case FIRED -> {
        if (existing != null) {
          return; // the same episode again (a replay)
        }
        // A firing of a new episode while an older one is still open: that one's end was lost.
        for (Activation a : List.copyOf(byId.values())) {
          if (a.fingerprint().equals(alert.fingerprint()) && isOngoing(a.state())) {
            save(a.with(step(a, State.RECOVERED, now, "a new episode of the alert started")));
          }
        }
        Step first = new Step(State.ACTIVATED, levelOf(alert), now, SYSTEM, "");
        save(
            new Activation(
                id,
                alert.label(Labels.CENTER),
                alert.fingerprint(),
                alert.startsAt(),
                List.of(first)));
      }
      case LEVEL_CHANGED -> {
        if (existing != null && isOngoing(existing.state()) && levelOf(alert) != existing.level()) {
          EmergencyLevel from = existing.level();
          save(
              existing.with(
                  new Step(
                      existing.state(),
                      levelOf(alert),
                      now,
                      SYSTEM,
                      "level " + from.label() + " → " + levelOf(alert).label())));
        }
      }
      case RESOLVED -> {
        if (existing != null && isOngoing(existing.state())) {
          save(existing.with(step(existing, State.RECOVERED, now, "the emergency alert resolved")));
        }
      }
      case UPDATED -> {
        // annotations only: nothing for the timeline
      }
    }
  }

  /**
   * An operator moves activation {@code id} to {@code target}: {@code acknowledged} from {@code
   * activated}; {@code responding} from {@code activated} or {@code acknowledged}; {@code closed}
   * from {@code recovered} only.
   *
   * @throws NoSuchElementException no activation {@code id}
   * @throws IllegalArgumentException {@code by} is blank
   * @throws IllegalStateException the activation cannot go from where it is to {@code target}, or
   *     {@code target} is not a state an operator sets ({@code activated}, {@code recovered})
   */
  public synchronized Activation move(String id, State target, String by, String comment) {
    Activation a = byId.get(id);
    if (a == null) {
      throw new NoSuchElementException("no emergency activation " + id);
    }
    if (by == null || by.isBlank()) {
      throw new IllegalArgumentException("'by' (who changes the state) is required");
    }
    if (target == State.ACTIVATED || target == State.RECOVERED) {
      throw new IllegalStateException(
          "state '"
              + target.wireName()
              + "' follows the emergency alert; an operator sets acknowledged, responding or closed");
    }
    State from = a.state();
    boolean allowed =
        switch (target) {
          case ACKNOWLEDGED -> from == State.ACTIVATED;
          case RESPONDING -> from == State.ACTIVATED || from == State.ACKNOWLEDGED;
          case CLOSED -> from == State.RECOVERED;
          default -> false;
        };
    if (!allowed) {
      throw new IllegalStateException(
          "emergency activation "
              + id
              + " is "
              + from.wireName()
              + "; it cannot become "
              + target.wireName()
              + (target == State.CLOSED
                  ? " until the emergency has recovered"
                  : " (the lifecycle is activated → acknowledged → responding → recovered →"
                      + " closed)"));
    }
    Activation moved =
        a.with(new Step(target, a.level(), clock.millis(), by, comment == null ? "" : comment));
    save(moved);
    return moved;
  }

  public synchronized Optional<Activation> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every kept activation, the most recently opened first. */
  public synchronized List<Activation> list() {
    List<Activation> out = new ArrayList<>(byId.values());
    out.sort(
        Comparator.comparingLong(Activation::activatedAt)
            .thenComparingLong(Activation::startsAt)
            .reversed());
    return out;
  }

  /** Activated, acknowledged or responding: the emergency is still on. */
  private static boolean isOngoing(State s) {
    return s == State.ACTIVATED || s == State.ACKNOWLEDGED || s == State.RESPONDING;
  }

  private static Step step(Activation a, State state, long now, String comment) {
    return new Step(state, a.level(), now, SYSTEM, comment);
  }

  private void save(Activation a) {
    if (journal != null) {
      journal.append(encode(a));
    }
    // Re-inserted at the end: beyond KEPT the least recently changed goes.
    byId.remove(a.id());
    byId.put(a.id(), a);
    if (byId.size() > KEPT) {
      byId.remove(byId.keySet().iterator().next());
    }
  }

  static String idOf(Alert alert) {
    return alert.fingerprint() + "-" + alert.startsAt();
  }

  private static EmergencyLevel levelOf(Alert alert) {
    String label = alert.label(Labels.EMERGENCY_LEVEL);
    try {
      return label == null ? EmergencyLevel.NONE : EmergencyLevel.fromLabel(label);
    } catch (IllegalArgumentException e) {
      return EmergencyLevel.NONE;
    }
  }

  private static String encode(Activation a) {
    ObjectNode o =
        MAPPER
            .createObjectNode()
            .put("id", a.id())
            .put("center", a.center())
            .put("fingerprint", a.fingerprint())
            .put("startsAt", a.startsAt());
    ArrayNode steps = o.putArray("timeline");
    for (Step s : a.timeline()) {
      steps
          .addObject()
          .put("state", s.state().wireName())
          .put("level", s.level().label())
          .put("at", s.at())
          .put("by", s.by())
          .put("comment", s.comment());
    }
    return o.toString();
  }

  private static Activation decode(String record) {
    try {
      JsonNode n = MAPPER.readTree(record);
      List<Step> steps = new ArrayList<>();
      for (JsonNode s : n.path("timeline")) {
        steps.add(
            new Step(
                State.fromWire(s.path("state").asText()),
                EmergencyLevel.fromLabel(s.path("level").asText()),
                s.path("at").asLong(),
                s.path("by").asText(),
                s.path("comment").asText()));
      }
      if (steps.isEmpty()) {
        throw new IllegalStateException(
            "emergency activation record without a timeline: " + record);
      }
      return new Activation(
          n.path("id").asText(),
          n.path("center").isNull() ? null : n.path("center").asText(null),
          n.path("fingerprint").asText(),
          n.path("startsAt").asLong(),
          steps);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("corrupt emergency activation record: " + record, e);
    }
  }
}
