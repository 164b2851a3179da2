package io.cscmon.core.manager;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the on-call console shows of the past: every accepted state change of each alert (its
 * history), and each center's emergency activation timeline — when the highest emergency level
 * firing at the center changed. Fed by the alert manager's changes (a {@link
 * NotificationDispatcher} in front of the real one), kept in memory and bounded: the {@value
 * #MAX_ALERTS} most recently changed alerts with their last {@value #MAX_CHANGES_PER_ALERT}
 * changes, and the last {@value #MAX_ACTIVATIONS} activations. Thread-safe.
 */
public final class AlertHistory {

  static final int MAX_ALERTS = 5000;
  static final int MAX_CHANGES_PER_ALERT = 100;
  static final int MAX_ACTIVATIONS = 1000;

  /**
   * One change of one alert.
   *
   * @param receivedAt wall-clock time the alert manager took it (ms)
   */
  public record Entry(long receivedAt, AlertChange.Kind kind, Alert alert) {}

  /**
   * The highest emergency level firing at {@code center} went from {@code from} to {@code to}
   * ({@link EmergencyLevel#NONE} when no emergency is active) because of the alert {@code cause}.
   *
   * @param at the event time of the change that caused it
   * @param receivedAt wall-clock time (ms)
   */
  public record Activation(
      String center,
      EmergencyLevel from,
      EmergencyLevel to,
      long at,
      long receivedAt,
      String causeFingerprint,
      String causeAlertname) {

    /** Whether the center's emergency response got more severe (activated or raised). */
    public boolean raised() {
      return to.moreSevereThan(from);
    }
  }

  private final Clock clock;

  /** By fingerprint, the least recently changed alert first (re-inserted on each change). */
  private final LinkedHashMap<String, Deque<Entry>> byFingerprint = new LinkedHashMap<>();

  /** Per center: the emergency level of each firing alert, by fingerprint. */
  private final Map<String, Map<String, EmergencyLevel>> firingLevels = new HashMap<>();

  private final Map<String, EmergencyLevel> centerLevel = new HashMap<>();
  private final Deque<Activation> activations = new ArrayDeque<>();

  public AlertHistory(Clock clock) {
    this.clock = clock;
  }

  /** A dispatcher that records each change here, then hands it to {@code next}. */
  public NotificationDispatcher recordingInto(NotificationDispatcher next) {
    return change -> {
      record(change);
      next.dispatch(change);
    };
  }

  public synchronized void record(AlertChange change) {
    Alert alert = change.current();
    long now = clock.millis();
    Deque<Entry> entries = byFingerprint.remove(alert.fingerprint());
    if (entries == null) {
      entries = new ArrayDeque<>();
    }
    byFingerprint.put(alert.fingerprint(), entries);
    entries.addLast(new Entry(now, change.kind(), alert));
    while (entries.size() > MAX_CHANGES_PER_ALERT) {
      entries.removeFirst();
    }
    while (byFingerprint.size() > MAX_ALERTS) {
      byFingerprint.remove(byFingerprint.keySet().iterator().next());
    }
    trackLevel(alert, now);
  }

  private void trackLevel(Alert alert, long now) {
    String center = alert.label(Labels.CENTER);
    if (center == null) {
      return;
    }
    Map<String, EmergencyLevel> levels = firingLevels.computeIfAbsent(center, c -> new HashMap<>());
    if (alert.isFiring()) {
      levels.put(alert.fingerprint(), levelOf(alert));
    } else {
      levels.remove(alert.fingerprint());
    }
    EmergencyLevel highest = EmergencyLevel.NONE;
    for (EmergencyLevel l : levels.values()) {
      if (l.moreSevereThan(highest)) {
        highest = l;
      }
    }
    EmergencyLevel before = centerLevel.getOrDefault(center, EmergencyLevel.NONE);
    if (highest != before) {
      centerLevel.put(center, highest);
      activations.addLast(
          new Activation(
              center,
              before,
              highest,
              alert.changedAt(),
              now,
              alert.fingerprint(),
              alert.alertname()));
      while (activations.size() > MAX_ACTIVATIONS) {
        activations.removeFirst();
      }
    }
  }

  /** A label that is not a level (a rule's typo) counts as no emergency rather than failing. */
  private static EmergencyLevel levelOf(Alert alert) {
    String label = alert.label(Labels.EMERGENCY_LEVEL);
    try {
      return label == null ? EmergencyLevel.NONE : EmergencyLevel.fromLabel(label);
    } catch (IllegalArgumentException e) {
      return EmergencyLevel.NONE;
    }
  }

  /** The changes of the alert with this fingerprint, oldest first; empty when unknown. */
  public synchronized List<Entry> of(String fingerprint) {
    Deque<Entry> entries = byFingerprint.get(fingerprint);
    return entries == null ? List.of() : new ArrayList<>(entries);
  }

  /** The activation timeline of every center, oldest first. */
  public synchronized List<Activation> timeline() {
    return new ArrayList<>(activations);
  }

  /** The highest emergency level firing at each center now (centers without one are absent). */
  public synchronized Map<String, EmergencyLevel> activeLevels() {
    Map<String, EmergencyLevel> out = new LinkedHashMap<>();
    centerLevel.forEach(
        (center, level) -> {
          if (level != EmergencyLevel.NONE) {
            out.put(center, level);
          }
        });
    return out;
  }
}
