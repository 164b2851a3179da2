package io.cscmon.core.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code perMinute} notifications to one integration in any 60 s. A notification beyond it
 * waits (it is deferred, never dropped: the outbox keeps it meanwhile, in order) and is counted in
 * {@code cscmon_notifications_deferred_total{receiver}}.
 *
 * <p>A sliding window rather than a token bucket: DingTalk's and WeCom's robots allow 20 messages
 * in any minute, and a bucket that may burst lets through more than that within one minute (its
 * burst plus its refill), which the robot then refuses.
 */
public final class ReceiverRateLimit {

  /** DingTalk's and WeCom's documented robot limit. */
  public static final int CHAT_ROBOT_PER_MINUTE = 20;

  private static final long WINDOW_MS = 60_000;

  private final int perMinute;
  private final Clock clock;
  private final Counter deferred;
  private final Deque<Long> sent = new ArrayDeque<>();

  public ReceiverRateLimit(int perMinute, Clock clock, Counter deferred) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("a rate limit allows at least 1 a minute");
    }
    this.perMinute = perMinute;
    this.clock = clock;
    this.deferred = deferred;
  }

  public static ReceiverRateLimit perMinute(
      int perMinute, String receiver, MeterRegistry registry, Clock clock) {
    return new ReceiverRateLimit(
        perMinute,
        clock,
        Counter.builder("cscmon.notifications.deferred")
            .description("Notifications that waited for a receiver's rate limit (none are dropped)")
            .tag("receiver", receiver)
            .register(registry));
  }

  public int perMinute() {
    return perMinute;
  }

  /** Milliseconds until one more message may go; 0 means it may go now and is counted as sent. */
  public long reserve() {
    return reserve(false);
  }

  /**
   * {@link #reserve()}, and with {@code paced} the second half of the window's messages go at most
   * one per {@code 60 s / perMinute} (3 s for 20): for a receiver that merges what waits into one
   * message, so that a burst does not spend the whole minute's allowance on its first few
   * notifications and leave the rest waiting for the next minute. The first half go at once: the
   * start of an incident is never delayed.
   */
  public synchronized long reserve(boolean paced) {
    long now = clock.millis();
    while (!sent.isEmpty() && sent.peekFirst() <= now - WINDOW_MS) {
      sent.pollFirst();
    }
    if (sent.size() >= perMinute) {
      return sent.peekFirst() + WINDOW_MS - now;
    }
    if (paced && sent.size() >= Math.max(1, perMinute / 2)) {
      long next = sent.peekLast() + WINDOW_MS / perMinute;
      if (now < next) {
        return next - now;
      }
    }
    sent.addLast(now);
    return 0;
  }

  /** Counts a message that had to wait for the limit. */
  void deferred() {
    deferred.increment();
  }
}
