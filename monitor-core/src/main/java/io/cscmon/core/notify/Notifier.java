package io.cscmon.core.notify;

import io.cscmon.core.alert.WebhookMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends notifications to one receiver. Implementations queue and return at once (the caller is the
 * alert manager, on a pipeline thread), deliver in submission order, and never throw: the future
 * completes with the outcome, never exceptionally.
 */
public interface Notifier extends AutoCloseable {

  /** The receiver name of the messages this notifier sends (from configuration). */
  String receiver();

  /** Queues {@code message} for delivery; the future completes after the last attempt. */
  CompletableFuture<DeliveryResult> notify(WebhookMessage message);

  /**
   * Whether {@link #notifyFirst} may carry several notifications in one message (the chat robots,
   * whose 20-a-minute limit makes each message count).
   */
  default boolean merges() {
    return false;
  }

  /**
   * Queues one message carrying the first of {@code messages} and, when this notifier {@link
   * #merges}, as many of the following ones as fit in it; the future says how many it carries and
   * how their delivery ended.
   */
  default CompletableFuture<Sent> notifyFirst(List<WebhookMessage> messages) {
    return notify(messages.get(0)).thenApply(result -> new Sent(1, result));
  }

  /** One message of {@link #notifyFirst}: it carried the first {@code count} notifications. */
  record Sent(int count, DeliveryResult result) {}

  /** Stops delivering; messages still queued complete as {@link DeliveryResult#FAILED}. */
  @Override
  default void close() {}
}
