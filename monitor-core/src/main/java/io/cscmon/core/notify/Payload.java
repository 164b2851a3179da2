package io.cscmon.core.notify;

import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.WebhookMessage;
import java.net.URI;

/**
 * What a {@link WebhookNotifier} sends for a receiver's kind of endpoint, and how it reads the
 * answer. The body is made once per notification (its hash is the {@code Webhook-Id}, the same on
 * every retry); the URL once per attempt (a DingTalk signature is only good for an hour).
 */
public interface Payload {

  /** The request body for one notification. */
  String body(WebhookMessage message);

  /** Where an attempt made at {@code nowMillis} is POSTed. */
  default URI url(URI configured, long nowMillis) {
    return configured;
  }

  /**
   * Judges a 2xx answer. Chat robots answer 200 with an error code in the body: {@link Verdict#OK}
   * only when the message was really taken.
   */
  default Verdict check(String responseBody) {
    return Verdict.OK;
  }

  /**
   * Headers of an attempt made at {@code nowMillis}, besides Content-Type and the {@code
   * Webhook-Id} (which every request carries): a signature, say.
   */
  default java.util.Map<String, String> headers(String webhookId, String body, long nowMillis) {
    return java.util.Map.of();
  }

  /** Whether the answer's body is needed by {@link #check}; otherwise it is discarded unread. */
  default boolean readsResponse() {
    return false;
  }

  /** Whether several notifications may go in one message ({@link #merge}): the chat robots. */
  default boolean merges() {
    return false;
  }

  /**
   * The body of one message carrying the first of {@code messages} and, when this kind {@link
   * #merges}, as many of the following ones as fit, in order.
   */
  default Merged merge(java.util.List<WebhookMessage> messages) {
    return new Merged(body(messages.get(0)), 1);
  }

  /** A body carrying the first {@code count} notifications of those given to {@link #merge}. */
  record Merged(String body, int count) {}

  /** The outcome of one 2xx answer. */
  record Verdict(boolean ok, boolean retryable, String problem) {
    public static final Verdict OK = new Verdict(true, false, null);

    public static Verdict rejected(String problem) {
      return new Verdict(false, false, problem);
    }

    public static Verdict retry(String problem) {
      return new Verdict(false, true, problem);
    }
  }

  /** The Alertmanager webhook body, version 4 (CONTRACT §2), as it is. */
  static Payload alertmanagerWebhook(AlertJson json) {
    return json::encode;
  }

  /**
   * The Alertmanager webhook body with the receiver's texts: values masked when {@code
   * texts.mask()}, the {@code summary} annotations in Chinese when its language is {@link
   * Language#ZH_CN}.
   */
  static Payload alertmanagerWebhook(AlertJson json, ChatTexts texts) {
    return m -> json.encode(texts.forWebhook(m));
  }
}
