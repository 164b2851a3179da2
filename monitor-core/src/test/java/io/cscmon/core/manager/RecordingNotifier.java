package io.cscmon.core.manager;

import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.notify.DeliveryResult;
import io.cscmon.core.notify.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A notifier that keeps what it is given, for tests of what gets notified. */
final class RecordingNotifier implements Notifier {

  private final String receiver;
  private final List<WebhookMessage> messages = new ArrayList<>();

  RecordingNotifier(String receiver) {
    this.receiver = receiver;
  }

  @Override
  public String receiver() {
    return receiver;
  }

  @Override
  public synchronized CompletableFuture<DeliveryResult> notify(WebhookMessage message) {
    messages.add(message);
    return CompletableFuture.completedFuture(DeliveryResult.DELIVERED);
  }

  synchronized List<WebhookMessage> messages() {
    return List.copyOf(messages);
  }

  synchronized WebhookMessage last() {
    return messages.get(messages.size() - 1);
  }
}
