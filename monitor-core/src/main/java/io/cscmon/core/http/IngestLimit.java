package io.cscmon.core.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Events per second per client on {@code POST /api/v1/events}: a token bucket per client address,
 * refilled at {@code eventsPerSecond} up to {@code burstSeconds} worth. A request takes one token
 * per line; a request the bucket cannot pay for is refused whole (429, nothing accepted) with how
 * long until it could be, so that a client resending the same request loses and doubles nothing.
 * The default is generous — far above the simulated center's peak — so only a runaway client is
 * throttled.
 */
public final class IngestLimit {

  public static final double DEFAULT_EVENTS_PER_SECOND = 100_000;
  public static final double DEFAULT_BURST_SECONDS = 10;

  /** Buckets kept; the least recently used client's is forgotten beyond this (it starts full). */
  static final int MAX_CLIENTS = 10_000;

  private final double ratePerNano;
  private final double capacity;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  /**
   * @param eventsPerSecond sustained rate per client; 0 turns the limit off
   * @param burstSeconds how many seconds' worth a client may send at once
   * @param nanoTime {@link System#nanoTime} (tests pass a fake)
   */
  public IngestLimit(double eventsPerSecond, double burstSeconds, LongSupplier nanoTime) {
    if (!(eventsPerSecond >= 0) || !(burstSeconds > 0) || Double.isInfinite(eventsPerSecond)) {
      throw new IllegalArgumentException(
          "the ingest limit needs a rate of at least 0 events/s and a positive burst");
    }
    this.ratePerNano = eventsPerSecond / 1e9;
    this.capacity = eventsPerSecond * burstSeconds;
    this.nanoTime = nanoTime;
  }

  public static IngestLimit perSecond(double eventsPerSecond) {
    return new IngestLimit(eventsPerSecond, DEFAULT_BURST_SECONDS, System::nanoTime);
  }

  public static IngestLimit defaults() {
    return perSecond(DEFAULT_EVENTS_PER_SECOND);
  }

  public double eventsPerSecond() {
    return ratePerNano * 1e9;
  }

  public boolean enabled() {
    return ratePerNano > 0;
  }

  /**
   * Takes {@code events} tokens from {@code client}'s bucket.
   *
   * @return 0 when taken; otherwise the whole seconds to wait before the same request would pass (a
   *     request larger than the burst passes once the bucket is full)
   */
  public synchronized long take(String client, long events) {
    if (!enabled() || events <= 0) {
      return 0;
    }
    long now = nanoTime.getAsLong();
    Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(capacity, now));
    b.tokens = Math.min(capacity, b.tokens + (now - b.at) * ratePerNano);
    b.at = now;
    double needed = Math.min(events, capacity);
    if (b.tokens >= needed) {
      b.tokens -= events; // may go below 0 for a request larger than the burst: it pays later
      return 0;
    }
    double waitNanos = (needed - b.tokens) / ratePerNano;
    return Math.max(1, (long) Math.ceil(waitNanos / 1e9));
  }
}
