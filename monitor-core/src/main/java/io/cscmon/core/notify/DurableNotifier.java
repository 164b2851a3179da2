package io.cscmon.core.notify;

import io.cscmon.core.alert.WebhookMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a notifier durable: each notification is written to the {@link Outbox} (forced to disk)
 * before {@link #notify} returns, then handed to the wrapped notifier on this notifier's own
 * thread, one at a time in order. When the wrapped notifier gives up ({@link
 * DeliveryResult#FAILED}: the receiver is down or keeps failing), the same notification is tried
 * again after a growing pause, for up to {@code maxAge}; later notifications wait behind it, so a
 * receiver never gets a "resolved" before its "firing". Delivered and rejected notifications are
 * marked done in the outbox. On construction the receiver's pending notifications from before a
 * restart are sent first.
 *
 * <p>Delivery is at least once: the wrapped notifier's {@code Webhook-Id} is derived from the body,
 * which the outbox keeps byte for byte, so a notification sent again after a restart carries the
 * same id.
 */
public final class DurableNotifier implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(DurableNotifier.class);

  private final Notifier delegate;
  private final String key;
  private final Outbox outbox;
  private final Clock clock;
  private final Duration retryPause;
  private final Duration maxRetryPause;
  private final Duration maxAge;
  private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final Thread worker;
  private volatile boolean closed;
  private volatile ReceiverRateLimit rateLimit;

  private record Item(Outbox.Entry entry, CompletableFuture<DeliveryResult> result) {}

  /**
   * @param retryPause pause after the wrapped notifier's first give-up; doubled each time up to
   *     {@code maxRetryPause}
   * @param maxAge how long after it was accepted a notification is still tried; older ones are
   *     marked expired (an alert from yesterday helps nobody)
   */
  public DurableNotifier(
      Notifier delegate,
      Outbox outbox,
      Clock clock,
      Duration retryPause,
      Duration maxRetryPause,
      Duration maxAge) {
    this(delegate, delegate.receiver(), outbox, clock, retryPause, maxRetryPause, maxAge);
  }

  /**
   * @param key names this notifier's entries in the outbox; distinct for each integration of a
   *     receiver that has several, and the same across restarts
   */
  public DurableNotifier(
      Notifier delegate,
      String key,
      Outbox outbox,
      Clock clock,
      Duration retryPause,
      Duration maxRetryPause,
      Duration maxAge) {
    this.delegate = delegate;
    this.key = key;
    this.outbox = outbox;
    this.clock = clock;
    this.retryPause = retryPause;
    this.maxRetryPause = maxRetryPause;
    this.maxAge = maxAge;
    for (Outbox.Entry e : outbox.pending(key)) {
      queue.add(new Item(e, new CompletableFuture<>()));
    }
    if (!queue.isEmpty()) {
      LOG.info("{}: {} notifications pending from before; sending them", receiver(), queue.size());
    }
    worker = new Thread(this::run, "cscmon-outbox-" + delegate.receiver());
    worker.setDaemon(true);
    worker.start();
  }

  /** Pauses of 5 s doubling to 5 min; notifications are kept trying for a day. */
  public static DurableNotifier of(Notifier delegate, String key, Outbox outbox, Clock clock) {
    return new DurableNotifier(
        delegate,
        key,
        outbox,
        clock,
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        Duration.ofDays(1));
  }

  @Override
  public String receiver() {
    return delegate.receiver();
  }

  /** Sends no more than {@code limit} allows; what is beyond waits its turn, in order. */
  public DurableNotifier withRateLimit(ReceiverRateLimit limit) {
    this.rateLimit = limit;
    return this;
  }

  @Override
  public CompletableFuture<DeliveryResult> notify(WebhookMessage message) {
    if (closed) {
      return CompletableFuture.completedFuture(DeliveryResult.FAILED);
    }
    Outbox.Entry entry;
    try {
      entry = outbox.add(key, message);
    } catch (RuntimeException e) {
      LOG.error(
          "{}: cannot write notification {} to the outbox", receiver(), message.groupKey(), e);
      return CompletableFuture.completedFuture(DeliveryResult.FAILED);
    }
    Item item = new Item(entry, new CompletableFuture<>());
    queue.add(item);
    return item.result();
  }

  private void run() {
    try {
      while (!closed) {
        Item item = queue.take();
        try {
          deliver(item);
        } catch (RuntimeException e) {
          // The outbox could not be written: the entry stays pending there and is sent again
          // after a restart; this notifier goes on with the next.
          LOG.error("{}: notification {} failed unexpectedly", receiver(), item.entry().seq(), e);
          item.result().complete(DeliveryResult.FAILED);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(Item item) throws InterruptedException {
    Duration pause = retryPause;
    while (true) {
      ReceiverRateLimit limit = rateLimit;
      if (limit != null) {
        limit.acquire();
      }
      DeliveryResult result;
      try {
        result = delegate.notify(item.entry().message()).get();
      } catch (ExecutionException e) {
        result = DeliveryResult.FAILED;
      }
      if (result != DeliveryResult.FAILED) {
        outbox.done(item.entry(), result, result == DeliveryResult.DELIVERED ? "" : "rejected");
        item.result().complete(result);
        return;
      }
      if (closed) {
        item.result().complete(DeliveryResult.FAILED); // still pending in the outbox
        return;
      }
      if (clock.millis() - item.entry().at() > maxAge.toMillis()) {
        LOG.error(
            "{}: dropping notification {} for {}: undeliverable for {}",
            receiver(),
            item.entry().seq(),
            item.entry().message().groupKey(),
            maxAge);
        outbox.done(item.entry(), DeliveryResult.FAILED, "expired");
        item.result().complete(DeliveryResult.FAILED);
        return;
      }
      Thread.sleep(pause.toMillis());
      pause =
          pause.multipliedBy(2).compareTo(maxRetryPause) > 0
              ? maxRetryPause
              : pause.multipliedBy(2);
    }
  }

  /** Stops sending; what is not delivered stays in the outbox for the next start. */
  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    delegate.close();
    try {
      worker.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Item item;
    while ((item = queue.poll()) != null) {
      item.result().complete(DeliveryResult.FAILED);
    }
  }
}
