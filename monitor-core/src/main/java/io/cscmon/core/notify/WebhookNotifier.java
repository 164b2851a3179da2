package io.cscmon.core.notify;

import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.metrics.NotificationMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs Alertmanager webhook v4 bodies to one URL.
 *
 * <p>Each notifier owns one delivery thread with a bounded queue: notifications reach the receiver
 * in the order they were made (a "resolved" never overtakes its "firing"), and a retrying receiver
 * delays only its own messages. Connection errors, timeouts, 429 and 5xx are retried with
 * exponentially growing waits, up to {@link WebhookConfig#maxAttempts()}; other statuses fail at
 * once because sending the same body again cannot change the answer.
 *
 * <p>Every request carries a {@value #ID_HEADER} header derived from the body, the same on every
 * retry, so a receiver can drop a duplicate when a response was lost after it had processed the
 * request.
 */
public final class WebhookNotifier implements Notifier {

  public static final String ID_HEADER = "Webhook-Id";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  private final WebhookConfig config;
  private final Payload payload;
  private final NotificationMetrics metrics;
  private final HttpClient client;
  private final ThreadPoolExecutor worker;

  /** An Alertmanager webhook v4 receiver. */
  public WebhookNotifier(WebhookConfig config, AlertJson json, NotificationMetrics metrics) {
    this(config, Payload.alertmanagerWebhook(json), metrics);
  }

  /** A receiver of another kind: DingTalk, WeCom, an Alertmanager, plain JSON. */
  public WebhookNotifier(WebhookConfig config, Payload payload, NotificationMetrics metrics) {
    this.config = config;
    this.payload = payload;
    this.metrics = metrics;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(config.maxQueued()),
            r -> {
              Thread t = new Thread(r, "cscmon-webhook-" + config.receiver());
              t.setDaemon(true);
              return t;
            });
    metrics.register(config.receiver());
  }

  @Override
  public String receiver() {
    return config.receiver();
  }

  @Override
  public CompletableFuture<DeliveryResult> notify(WebhookMessage message) {
    Delivery delivery;
    try {
      String body = payload.body(message);
      delivery = new Delivery(body, webhookId(message.groupKey(), body));
    } catch (RuntimeException e) {
      LOG.error("{}: cannot encode notification for {}", receiver(), message.groupKey(), e);
      return failedNow();
    }
    return enqueue(delivery, message.groupKey());
  }

  @Override
  public boolean merges() {
    return payload.merges();
  }

  @Override
  public CompletableFuture<Sent> notifyFirst(List<WebhookMessage> messages) {
    if (!payload.merges() || messages.size() == 1) {
      return Notifier.super.notifyFirst(messages);
    }
    Payload.Merged merged;
    try {
      merged = payload.merge(messages);
    } catch (RuntimeException e) {
      LOG.error("{}: cannot encode notification for {}", receiver(), messages.get(0).groupKey(), e);
      return failedNow().thenApply(r -> new Sent(1, r));
    }
    // The id covers every group carried, in order, and the body: the same message, the same id.
    String keys =
        String.join(
            "\n",
            messages.subList(0, merged.count()).stream().map(WebhookMessage::groupKey).toList());
    Delivery delivery = new Delivery(merged.body(), webhookId(keys, merged.body()));
    return enqueue(delivery, keys).thenApply(r -> new Sent(merged.count(), r));
  }

  private CompletableFuture<DeliveryResult> enqueue(Delivery delivery, String what) {
    try {
      worker.execute(delivery);
    } catch (RejectedExecutionException e) {
      LOG.warn(
          "{}: {} notifications queued or notifier closed; dropping one for {}",
          receiver(),
          worker.getQueue().size(),
          what);
      return failedNow();
    }
    return delivery.result;
  }

  /** Stops the delivery thread; queued notifications complete as failed. */
  @Override
  public void close() {
    List<Runnable> pending = worker.shutdownNow();
    for (Runnable r : pending) {
      ((Delivery) r).result.complete(DeliveryResult.FAILED);
    }
  }

  /** Hex SHA-256 of group key and body, shortened to 128 bits: stable for the same notification. */
  static String webhookId(String groupKey, String body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(groupKey.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(body.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private CompletableFuture<DeliveryResult> failedNow() {
    metrics.failed(receiver(), Duration.ZERO);
    return CompletableFuture.completedFuture(DeliveryResult.FAILED);
  }

  /** One notification with its future; a class so {@link #close()} can fail queued ones. */
  private final class Delivery implements Runnable {
    final String body;
    final String id;
    final CompletableFuture<DeliveryResult> result = new CompletableFuture<>();

    Delivery(String body, String id) {
      this.body = body;
      this.id = id;
    }

    @Override
    public void run() {
      long start = System.nanoTime();
      DeliveryResult outcome;
      try {
        outcome = deliver(this);
      } catch (RuntimeException e) {
        LOG.error("{}: notification {} failed unexpectedly", receiver(), id, e);
        outcome = DeliveryResult.FAILED;
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (outcome == DeliveryResult.DELIVERED) {
        metrics.delivered(receiver(), took);
      } else {
        metrics.failed(receiver(), took);
      }
      result.complete(outcome);
    }
  }

  private DeliveryResult deliver(Delivery d) {
    for (int attempt = 1; ; attempt++) {
      long now = System.currentTimeMillis();
      URI url = payload.url(config.url(), now);
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(url)
              // No "Upgrade: h2c" offer on plain HTTP (Java's default): receivers written for
              // Alertmanager speak HTTP/1.1. Over TLS, HTTP/2 is negotiated where the server has
              // it.
              .version(
                  "http".equalsIgnoreCase(url.getScheme())
                      ? HttpClient.Version.HTTP_1_1
                      : HttpClient.Version.HTTP_2)
              .timeout(config.timeout())
              .header("Content-Type", "application/json")
              .header("User-Agent", "cscmon")
              .header(ID_HEADER, d.id)
              .POST(HttpRequest.BodyPublishers.ofString(d.body, StandardCharsets.UTF_8));
      payload.headers(d.id, d.body, now).forEach(builder::header);
      HttpRequest request = builder.build();
      Attempt a = attempt(request);
      if (a.delivered()) {
        return DeliveryResult.DELIVERED;
      }
      if (!a.retryable() || attempt >= config.maxAttempts()) {
        LOG.warn(
            "{}: giving up on notification {} after {} attempt(s): {}",
            receiver(),
            d.id,
            attempt,
            a.problem());
        return a.retryable() ? DeliveryResult.FAILED : DeliveryResult.REJECTED;
      }
      LOG.info("{}: retrying notification {}: {}", receiver(), d.id, a.problem());
      metrics.retried(receiver());
      try {
        Thread.sleep(backoff(attempt, a.retryAfter()).toMillis());
      } catch (InterruptedException e) {
        // close() interrupts: give up rather than hold the shutdown.
        Thread.currentThread().interrupt();
        return DeliveryResult.FAILED;
      }
      if (Thread.currentThread().isInterrupted()) {
        return DeliveryResult.FAILED;
      }
    }
  }

  private Attempt attempt(HttpRequest request) {
    try {
      HttpResponse<String> response =
          client.send(
              request,
              payload.readsResponse()
                  ? HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)
                  : HttpResponse.BodyHandlers.replacing(""));
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        Payload.Verdict v = payload.check(response.body());
        return new Attempt(v.ok(), v.retryable(), v.problem(), null);
      }
      boolean retryable = status == 429 || status >= 500;
      Duration retryAfter =
          response.headers().firstValue("Retry-After").map(WebhookNotifier::seconds).orElse(null);
      return new Attempt(false, retryable, "HTTP " + status, retryAfter);
    } catch (IOException e) {
      // Connection refused or reset, timeout: the receiver may be back on the next attempt.
      return new Attempt(false, true, e.toString(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(false, true, "interrupted", null);
    }
  }

  /** initialBackoff * 2^(attempt-1), at least what the receiver asked for, at most maxBackoff. */
  Duration backoff(int attempt, Duration retryAfter) {
    long factor = 1L << Math.min(attempt - 1, 30);
    Duration wait = config.initialBackoff().multipliedBy(factor);
    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
      wait = retryAfter;
    }
    return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
  }

  /** Retry-After in delta seconds; the HTTP-date form is ignored (exponential backoff applies). */
  private static Duration seconds(String value) {
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private record Attempt(
      boolean delivered, boolean retryable, String problem, Duration retryAfter) {}
}
