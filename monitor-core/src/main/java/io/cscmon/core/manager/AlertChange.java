package io.cscmon.core.manager;

import io.cscmon.core.alert.Alert;

/**
 * One accepted state change of an alert, as the alert manager hands it to the notification side.
 *
 * @param previous the state known before, {@code null} for an alert not seen before
 * @param current the new state
 * @param kind what changed
 */
public record AlertChange(Alert previous, Alert current, Kind kind) {

  public enum Kind {
    /** Started firing: unseen before, or a new episode ({@code startsAt} later than known). */
    FIRED,
    /** Still firing with other labels: emergency level or severity raised or lowered. */
    LEVEL_CHANGED,
    /** Stopped firing. */
    RESOLVED,
    /** Only annotations (the current value, say), the generator URL or the end time changed. */
    UPDATED;
  }

  /** Whether receivers are told. An {@link Kind#UPDATED} alone would page people for a number. */
  public boolean notifiable() {
    return kind != Kind.UPDATED;
  }

  /**
   * Classifies {@code current} against what was known of the same fingerprint. Returns {@code null}
   * for an identical repeat (dedup) and for a stale state: an older episode, or a firing of an
   * episode that has already resolved (it arrived late, from another sink thread or a replay).
   */
  static AlertChange classify(Alert previous, Alert current) {
    if (previous == null) {
      return new AlertChange(null, current, current.isFiring() ? Kind.FIRED : Kind.RESOLVED);
    }
    if (current.equals(previous) || current.startsAt() < previous.startsAt()) {
      return null;
    }
    boolean newEpisode = current.startsAt() > previous.startsAt();
    if (current.isFiring()) {
      if (newEpisode) {
        return new AlertChange(previous, current, Kind.FIRED);
      }
      if (!previous.isFiring()) {
        return null;
      }
      Kind kind = current.labels().equals(previous.labels()) ? Kind.UPDATED : Kind.LEVEL_CHANGED;
      return new AlertChange(previous, current, kind);
    }
    if (previous.isFiring() || newEpisode) {
      return new AlertChange(previous, current, Kind.RESOLVED);
    }
    return new AlertChange(previous, current, Kind.UPDATED);
  }
}
