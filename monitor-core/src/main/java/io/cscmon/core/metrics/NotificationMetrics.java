package io.cscmon.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outcome of notifications: {@code cscmon_notifications_total{receiver,result}} (result {@code
 * delivered} or {@code failed}, each notification counted once after its last attempt), {@code
 * cscmon_notification_retries_total{receiver}} and {@code
 * cscmon_notification_duration_seconds{receiver}} (from first attempt to outcome, retries
 * included). Receivers come from configuration, so the receiver label is bounded.
 */
public final class NotificationMetrics {

  static final String NOTIFICATIONS = "cscmon.notifications";
  static final String RETRIES = "cscmon.notification.retries";
  static final String DURATION = "cscmon.notification.duration";
  static final String PENDING = "cscmon.notifications.pending";
  static final String OUTBOX_WRITE_FAILURES = "cscmon.outbox.write.failures";

  public static final String DELIVERED = "delivered";
  public static final String FAILED = "failed";

  private final MeterRegistry registry;
  private final Map<String, Meters> byReceiver = new ConcurrentHashMap<>();

  public NotificationMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * {@code cscmon_notifications_pending}: notifications in the outbox, accepted and not yet
   * delivered or given up; a number that keeps growing means a receiver is down.
   */
  public void pending(java.util.function.Supplier<Number> count) {
    io.micrometer.core.instrument.Gauge.builder(PENDING, count)
        .description("Notifications accepted and not yet delivered (the outbox)")
        .strongReference(true)
        .register(registry);
  }

  /**
   * {@code cscmon_outbox_write_failures_total}: writes to the outbox that failed (disk full, file
   * too large); while it grows, notifications are delivered from memory and a restart loses them.
   */
  public <T> void outboxWriteFailures(T outbox, java.util.function.ToDoubleFunction<T> failures) {
    // The meter holds the outbox weakly: pass the outbox itself, which the pipeline keeps, not a
    // lambda that nothing else references and the next GC would take away.
    io.micrometer.core.instrument.FunctionCounter.builder(OUTBOX_WRITE_FAILURES, outbox, failures)
        .description("Writes to the notification outbox that failed, e.g. because the disk is full")
        .register(registry);
  }

  /** Registers the receiver's series at 0; notifiers call it when they are created. */
  public void register(String receiver) {
    meters(receiver);
  }

  public void delivered(String receiver, Duration took) {
    Meters m = meters(receiver);
    m.delivered.increment();
    m.duration.record(took);
  }

  public void failed(String receiver, Duration took) {
    Meters m = meters(receiver);
    m.failed.increment();
    m.duration.record(took);
  }

  public void retried(String receiver) {
    meters(receiver).retries.increment();
  }

  private Meters meters(String receiver) {
    return byReceiver.computeIfAbsent(receiver, this::create);
  }

  private Meters create(String receiver) {
    return new Meters(
        result(receiver, DELIVERED),
        result(receiver, FAILED),
        Counter.builder(RETRIES)
            .description("Notification attempts that were retried")
            .tag("receiver", receiver)
            .register(registry),
        Timer.builder(DURATION)
            .description("Time from the first attempt of a notification to its outcome")
            .tag("receiver", receiver)
            .register(registry));
  }

  private Counter result(String receiver, String result) {
    return Counter.builder(NOTIFICATIONS)
        .description("Notifications by receiver and final result")
        .tag("receiver", receiver)
        .tag("result", result)
        .register(registry);
  }

  private record Meters(Counter delivered, Counter failed, Counter retries, Timer duration) {}
}
