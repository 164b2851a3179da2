package io.cscmon.core.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One webhook receiver.
 *
 * @param receiver the receiver name put into the message and the metrics
 * @param url where the message is POSTed
 * @param timeout per attempt, connect plus response
 * @param maxAttempts attempts per notification including the first, at least 1
 * @param initialBackoff wait before the first retry; doubled for each further retry
 * @param maxBackoff cap on one wait (also on a receiver's {@code Retry-After})
 * @param maxQueued notifications waiting behind the current one before new ones fail at once; a
 *     receiver that is down for long must not make the alert manager hold unbounded memory
 */
public record WebhookConfig(
    String receiver,
    URI url,
    Duration timeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    int maxQueued) {

  public WebhookConfig {
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(url, "url");
    if (maxAttempts < 1 || maxQueued < 1) {
      throw new IllegalArgumentException("maxAttempts and maxQueued must be at least 1");
    }
    if (timeout.isNegative() || timeout.isZero() || initialBackoff.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, backoff not negative");
    }
  }

  /** 10 s timeout, 5 attempts, backoff 1 s doubling up to 30 s, 1000 queued. */
  public static WebhookConfig of(String receiver, URI url) {
    return new WebhookConfig(
        receiver,
        url,
        Duration.ofSeconds(10),
        5,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        1000);
  }

  public WebhookConfig withBackoff(Duration initial, Duration max) {
    return new WebhookConfig(receiver, url, timeout, maxAttempts, initial, max, maxQueued);
  }

  public WebhookConfig withMaxAttempts(int attempts) {
    return new WebhookConfig(
        receiver, url, timeout, attempts, initialBackoff, maxBackoff, maxQueued);
  }

  public WebhookConfig withTimeout(Duration perAttempt) {
    return new WebhookConfig(
        receiver, url, perAttempt, maxAttempts, initialBackoff, maxBackoff, maxQueued);
  }
}
