package io.cscmon.core.notify;

import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.notify.Notifier.Sent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>A wrapped notifier that {@link Notifier#merges} (the chat robots) gets what is waiting — for
 * the rate limit, for a retry — in as few messages as fit, in order; each message's notifications
 * are marked done by one outbox record, so a crash leaves a message's notifications all pending or
 * all done: after a restart nothing is lost, and a message is repeated whole or not at all.
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

  /** At most this many notifications are offered to one merged message (20 kB of alert lines). */
  private static final int MAX_OFFERED = 500;

  private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();

  /** What the worker is sending now, in order; only the worker touches it while it runs. */
  private final List<Item> batch = new ArrayList<>();

  private final Thread worker;
  private volatile boolean closed;
  private volatile ReceiverRateLimit rateLimit;

  private final Pause pause;

  private record Item(Outbox.Entry entry, CompletableFuture<DeliveryResult> result) {}

  /** How the retry loop waits between attempts; tests pass one that moves a fake clock. */
  @FunctionalInterface
  interface Pause {
    Pause SLEEP = d -> Thread.sleep(d.toMillis());

    void pause(Duration d) throws InterruptedException;
  }

  /**
   * @param key names this notifier's entries in the outbox; distinct for each integration of a
   *     receiver that has several, and the same across restarts
   * @param retryPause pause after the wrapped notifier's first give-up; doubled each time up to
   *     {@code maxRetryPause}
   * @param maxAge how long after it was accepted a notification is still tried; older ones are
   *     marked expired (an alert from yesterday helps nobody)
   * @param rateLimit how many a minute the receiver takes ({@code null}: no limit); set before the
   *     pending notifications of before a restart go, so they keep to it too
   */
  DurableNotifier(
      Notifier delegate,
      String key,
      Outbox outbox,
      Clock clock,
      Duration retryPause,
      Duration maxRetryPause,
      Duration maxAge,
      ReceiverRateLimit rateLimit,
      Pause pause) {
    this.rateLimit = rateLimit;
    this.pause = pause;
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
    return of(delegate, key, outbox, clock, null);
  }

  /** {@link #of(Notifier, String, Outbox, Clock)} keeping to {@code rateLimit} (may be null). */
  public static DurableNotifier of(
      Notifier delegate, String key, Outbox outbox, Clock clock, ReceiverRateLimit rateLimit) {
    return new DurableNotifier(
        delegate,
        key,
        outbox,
        clock,
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        Duration.ofDays(1),
        rateLimit,
        Pause.SLEEP);
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
      // Disk full: deliver from memory rather than not at all; only a restart loses it now.
      LOG.error(
          "{}: the outbox {} cannot be written ({}): notification for {} is kept in memory only"
              + " and is lost if the service stops before it is delivered",
          receiver(),
          outbox.file(),
          Outbox.rootMessage(e),
          message.groupKey());
      entry = new Outbox.Entry(0, key, message, clock.millis());
    }
    Item item = new Item(entry, new CompletableFuture<>());
    queue.add(item);
    return item.result();
  }

  private void run() {
    try {
      while (!closed) {
        batch.add(queue.take());
        try {
          deliver();
        } catch (RuntimeException e) {
          // Not expected (the outbox logs its own write failures): this notifier goes on with
          // the next, and the entries, still pending in the outbox, are sent again after a restart.
          LOG.error(
              "{}: notification {} failed unexpectedly", receiver(), batch.get(0).entry().seq(), e);
          batch.forEach(i -> i.result().complete(DeliveryResult.FAILED));
          batch.clear();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sends {@link #batch} until it is empty. What queues meanwhile joins it (in order) before each
   * message, so a receiver that {@link Notifier#merges} gets what waited for the rate limit or a
   * retry in as few messages as fit; one that does not gets them one by one, as before.
   */
  private void deliver() throws InterruptedException {
    Duration wait = retryPause;
    while (!batch.isEmpty()) {
      awaitRateLimit();
      queue.drainTo(batch);
      Sent sent = sendFirst();
      if (sent.result() != DeliveryResult.FAILED) {
        List<Item> carried = batch.subList(0, sent.count());
        outbox.done(
            carried.stream().map(Item::entry).toList(),
            sent.result(),
            sent.result() == DeliveryResult.DELIVERED ? "" : "rejected");
        carried.forEach(i -> i.result().complete(sent.result()));
        carried.clear();
        wait = retryPause;
        continue;
      }
      if (closed) {
        return; // still pending in the outbox; close() completes the futures
      }
      expireOld();
      if (batch.isEmpty()) {
        return;
      }
      pause.pause(wait);
      wait =
          wait.multipliedBy(2).compareTo(maxRetryPause) > 0 ? maxRetryPause : wait.multipliedBy(2);
    }
  }

  /** One message carrying the batch's first notifications. */
  private Sent sendFirst() throws InterruptedException {
    // More than a robot's message can hold is not looked at: a backlog of thousands costs no more.
    int offered = delegate.merges() ? Math.min(batch.size(), MAX_OFFERED) : 1;
    List<WebhookMessage> messages = new ArrayList<>(offered);
    batch.subList(0, offered).forEach(i -> messages.add(i.entry().message()));
    try {
      return delegate.notifyFirst(messages).get();
    } catch (ExecutionException e) {
      return new Sent(1, DeliveryResult.FAILED);
    }
  }

  /** Waits for the rate limit, if any; paced for a receiver that merges what waits. */
  private void awaitRateLimit() throws InterruptedException {
    ReceiverRateLimit limit = rateLimit;
    if (limit == null) {
      return;
    }
    boolean waited = false;
    long ms;
    while ((ms = limit.reserve(delegate.merges())) > 0) {
      if (!waited) {
        limit.deferred();
        waited = true;
      }
      pause.pause(Duration.ofMillis(Math.min(ms, 1000))); // re-checked: the clock may be a test's
    }
  }

  /** Drops the notifications, oldest first, that were accepted more than {@code maxAge} ago. */
  private void expireOld() {
    long now = clock.millis();
    while (!batch.isEmpty() && now - batch.get(0).entry().at() > maxAge.toMillis()) {
      Item item = batch.remove(0);
      LOG.error(
          "{}: dropping notification {} for {}: undeliverable for {}",
          receiver(),
          item.entry().seq(),
          item.entry().message().groupKey(),
          maxAge);
      outbox.done(item.entry(), DeliveryResult.FAILED, "expired");
      item.result().complete(DeliveryResult.FAILED);
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
    if (!worker.isAlive()) {
      batch.forEach(i -> i.result().complete(DeliveryResult.FAILED));
    }
    Item item;
    while ((item = queue.poll()) != null) {
      item.result().complete(DeliveryResult.FAILED);
    }
  }
}
