package io.cscmon.core.manager;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A silence, as Alertmanager's API v2 has them: alerts matching every matcher are not notified
 * between {@code startsAt} and {@code endsAt} (wall-clock epoch milliseconds). Expiring a silence
 * sets its {@code endsAt} to the time of expiry.
 */
public record Silence(
    String id,
    List<Matcher> matchers,
    long startsAt,
    long endsAt,
    String createdBy,
    String comment,
    long updatedAt) {

  public enum State {
    PENDING,
    ACTIVE,
    EXPIRED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Silence {
    Objects.requireNonNull(id, "id");
    matchers = List.copyOf(matchers);
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("a silence needs at least one matcher");
    }
    if (endsAt <= startsAt) {
      throw new IllegalArgumentException("endsAt must be after startsAt");
    }
    if (createdBy == null || createdBy.isBlank()) {
      throw new IllegalArgumentException("createdBy is required");
    }
    if (comment == null || comment.isBlank()) {
      throw new IllegalArgumentException("comment is required");
    }
    // Alertmanager refuses a silence whose matchers all match the empty string: it would silence
    // every alert.
    if (matchers.stream().allMatch(m -> m.matches(Map.of()))) {
      throw new IllegalArgumentException("at least one matcher must not match the empty string");
    }
  }

  public State state(long now) {
    if (now < startsAt) {
      return State.PENDING;
    }
    return now < endsAt ? State.ACTIVE : State.EXPIRED;
  }

  public boolean mutes(Map<String, String> labels, long now) {
    return state(now) == State.ACTIVE && Matcher.all(matchers, labels);
  }

  /** This silence, ended at {@code now}; a pending one ends before it begins. */
  Silence expiredAt(long now) {
    if (state(now) == State.EXPIRED) {
      return this;
    }
    long start = Math.min(startsAt, now - 1);
    return new Silence(id, matchers, start, now, createdBy, comment, now);
  }
}
