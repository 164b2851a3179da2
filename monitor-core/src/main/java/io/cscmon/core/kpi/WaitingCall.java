package io.cscmon.core.kpi;

import io.cscmon.core.event.CallEvent;

/**
 * What the queue knows of one call: which queue it waits in, since when, and when it left
 * (answered, abandoned or ended). Events may come in any order within the watermark's tolerance: an
 * {@code answered} seen before its {@code queued} only sets {@link #leftAt}, and the {@code queued}
 * fills in the rest. A call counts as waiting at instant {@code t} when {@code queuedAt <= t <
 * leftAt}. Public fields and a no-argument constructor for Flink's POJO serializer.
 */
public final class WaitingCall {

  /** Not known yet. */
  public static final long UNKNOWN = Long.MAX_VALUE;

  public String queue;
  public long queuedAt = UNKNOWN;
  public long leftAt = UNKNOWN;

  public WaitingCall() {}

  /** Whether {@code call} changes what the queue knows: queued, answered, abandoned or ended. */
  public static boolean matters(CallEvent call) {
    return switch (call.phase()) {
      case QUEUED, ANSWERED, ABANDONED, ENDED -> true;
      default -> false;
    };
  }

  /** Applies one event of this call. */
  public void apply(CallEvent call) {
    long ts = call.ts();
    switch (call.phase()) {
      case QUEUED -> {
        if (queuedAt != UNKNOWN && leftAt != UNKNOWN && ts > leftAt) {
          leftAt = UNKNOWN; // queued again after it left (a transfer): a new wait
        }
        if (queuedAt == UNKNOWN || leftAt == UNKNOWN || ts > leftAt) {
          queuedAt = ts;
        } else {
          queuedAt = Math.min(queuedAt, ts);
        }
        if (call.queue() != null) {
          queue = call.queue();
        }
      }
      case ANSWERED, ABANDONED, ENDED -> {
        if (queuedAt == UNKNOWN || ts >= queuedAt) {
          leftAt = Math.min(leftAt, ts);
        }
        if (queue == null && call.queue() != null) {
          queue = call.queue();
        }
      }
      default -> {}
    }
  }

  /**
   * The queue the call waits in as far as the events seen so far tell, in the order they came: its
   * {@code queued} has been seen and its departure has not; null otherwise. Unlike {@link
   * #waitingAt}, which answers for an instant once every event before it is in, this answers "now"
   * on each event, for the instant readings of {@link CallsWaitingNow}.
   */
  public String queueNow() {
    return queue != null && queuedAt != UNKNOWN && leftAt == UNKNOWN ? queue : null;
  }

  public boolean waitingAt(long t) {
    return queue != null && queuedAt != UNKNOWN && queuedAt <= t && t < leftAt;
  }

  /**
   * Whether the call can be forgotten at {@code t} (all events up to {@code t} seen): it left, or
   * it has "waited" longer than {@code maxWaitMs}, which no caller does; its departure was lost.
   */
  public boolean finishedAt(long t, long maxWaitMs) {
    return leftAt <= t || (queuedAt != UNKNOWN && t - queuedAt > maxWaitMs);
  }
}
