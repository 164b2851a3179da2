package io.cscmon.core.notify;

import io.cscmon.core.alert.WebhookMessage;
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

  /** Stops delivering; messages still queued complete as {@link DeliveryResult#FAILED}. */
  @Override
  default void close() {}
}
