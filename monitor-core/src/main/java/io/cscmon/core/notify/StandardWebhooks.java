package io.cscmon.core.notify;

import io.cscmon.core.alert.WebhookMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a payload the Standard Webhooks way: {@code webhook-id} (the notifier's stable id, the
 * receiver's idempotency key), {@code webhook-timestamp} (Unix seconds of the attempt) and {@code
 * webhook-signature: v1,<Base64 HMAC-SHA256 of "id.timestamp.body">}, keyed by the Base64-decoded
 * part of a {@code whsec_} secret. Any Standard Webhooks library verifies it.
 */
public final class StandardWebhooks implements Payload {

  public static final String PREFIX = "whsec_";

  private final Payload inner;
  private final byte[] key;

  /** Throws {@link IllegalArgumentException} unless {@code secret} is {@code whsec_<base64>}. */
  public StandardWebhooks(Payload inner, String secret) {
    this.inner = inner;
    this.key = key(secret);
  }

  static byte[] key(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
    }
    try {
      byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
      if (key.length < 16) {
        throw new IllegalArgumentException("a webhook secret needs at least 16 bytes of key");
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "a webhook secret is " + PREFIX + "<base64>: " + e.getMessage());
    }
  }

  /** {@code v1,<signature>} of one attempt. */
  static String signature(byte[] key, String id, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest =
          mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  @Override
  public String body(WebhookMessage message) {
    return inner.body(message);
  }

  @Override
  public URI url(URI configured, long nowMillis) {
    return inner.url(configured, nowMillis);
  }

  @Override
  public Verdict check(String responseBody) {
    return inner.check(responseBody);
  }

  @Override
  public boolean readsResponse() {
    return inner.readsResponse();
  }

  @Override
  public Map<String, String> headers(String webhookId, String body, long nowMillis) {
    long ts = nowMillis / 1000;
    Map<String, String> all =
        new java.util.LinkedHashMap<>(inner.headers(webhookId, body, nowMillis));
    all.put("webhook-timestamp", Long.toString(ts));
    all.put("webhook-signature", signature(key, webhookId, ts, body));
    return all;
  }
}
