package io.cscmon.core.notify;

import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.metrics.NotificationMetrics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** One integration of a receiver, as configuration names it; {@link #create} makes its notifier. */
public sealed interface ReceiverSpec {

  URI url();

  /** A notifier sending to this integration under the receiver name {@code receiver}. */
  Notifier create(String receiver, AlertJson json, NotificationMetrics metrics, Clock clock);

  /** Notifications a minute this kind of endpoint takes without a receiver's say; 0: no limit. */
  default int defaultMaxPerMinute() {
    return 0;
  }

  /** A POST of {@code payload} to {@code url}, signed the Standard Webhooks way with a secret. */
  private static Notifier signedWebhook(
      String receiver, URI url, Payload payload, String secret, NotificationMetrics metrics) {
    Payload signed = secret == null ? payload : new StandardWebhooks(payload, secret);
    return new WebhookNotifier(WebhookConfig.of(receiver, url), signed, metrics);
  }

  /** How a signed, translated integration shows in logs: never its secret. */
  private static String describe(
      String kind, String url, String secret, Language language, boolean mask) {
    return kind
        + "[url="
        + url
        + ", signed="
        + (secret != null)
        + ", language="
        + language.tag()
        + ", mask="
        + mask
        + "]";
  }

  /**
   * Alertmanager webhook v4 (CONTRACT §2), signed the Standard Webhooks way when {@code secret} (a
   * {@code whsec_} secret) is not {@code null}. With {@code mask}, label and annotation values are
   * masked ({@link Masking}); in {@link Language#ZH_CN} the {@code summary} annotation is the
   * Chinese headline.
   */
  record Webhook(URI url, String secret, Language language, boolean mask) implements ReceiverSpec {
    public Webhook {
      if (secret != null) {
        StandardWebhooks.key(secret); // refuse a malformed secret at start, not at first alert
      }
    }

    /**
     * English and unmasked, the defaults of a webhook: its body is CONTRACT §2's alert objects,
     * whose {@code source} label is the attacking ANI or IP; {@code mask: true} masks them.
     */
    public Webhook(URI url, String secret) {
      this(url, secret, Language.EN, false);
    }

    public Webhook(URI url) {
      this(url, null);
    }

    @Override
    public Notifier create(
        String receiver, AlertJson json, NotificationMetrics metrics, Clock clock) {
      return signedWebhook(
          receiver,
          url,
          Payload.alertmanagerWebhook(json, new ChatTexts(language, mask, json.zone(), clock)),
          secret,
          metrics);
    }

    @Override
    public String toString() {
      return describe("Webhook", url.toString(), secret, language, mask);
    }
  }

  /** DingTalk custom robot; {@code secret} may be {@code null}. */
  record DingTalk(URI url, String secret, Language language, boolean mask) implements ReceiverSpec {

    /** Simplified Chinese and masked, the defaults of a chat robot. */
    public DingTalk(URI url, String secret) {
      this(url, secret, Language.ZH_CN, true);
    }

    @Override
    public Notifier create(
        String receiver, AlertJson json, NotificationMetrics metrics, Clock clock) {
      return new WebhookNotifier(
          WebhookConfig.of(receiver, url),
          new DingTalkPayload(secret, new ChatTexts(language, mask, json.zone(), clock)),
          metrics);
    }

    @Override
    public int defaultMaxPerMinute() {
      return ReceiverRateLimit.CHAT_ROBOT_PER_MINUTE;
    }

    @Override
    public String toString() {
      return describe("DingTalk", url.getHost(), secret, language, mask);
    }
  }

  /** WeCom group robot. */
  record WeCom(URI url, Language language, boolean mask) implements ReceiverSpec {

    /** Simplified Chinese and masked, the defaults of a chat robot. */
    public WeCom(URI url) {
      this(url, Language.ZH_CN, true);
    }

    @Override
    public Notifier create(
        String receiver, AlertJson json, NotificationMetrics metrics, Clock clock) {
      return new WebhookNotifier(
          WebhookConfig.of(receiver, url),
          new WeComPayload(new ChatTexts(language, mask, json.zone(), clock)),
          metrics);
    }

    @Override
    public int defaultMaxPerMinute() {
      return ReceiverRateLimit.CHAT_ROBOT_PER_MINUTE;
    }

    @Override
    public String toString() {
      return "WeCom[url=" + url.getHost() + ", language=" + language.tag() + ", mask=" + mask + "]";
    }
  }

  /**
   * The generic JSON receiver ({@link JsonPayload}) with extra {@code headers}, signed like a
   * webhook when {@code secret} is not {@code null}.
   */
  record Json(URI url, java.util.Map<String, String> headers, String secret)
      implements ReceiverSpec {
    public Json {
      headers = java.util.Map.copyOf(JsonPayload.check(headers));
      if (secret != null) {
        StandardWebhooks.key(secret);
      }
    }

    @Override
    public Notifier create(
        String receiver, AlertJson json, NotificationMetrics metrics, Clock clock) {
      return signedWebhook(receiver, url, new JsonPayload(json, headers), secret, metrics);
    }

    @Override
    public String toString() {
      return "Json[url="
          + url
          + ", headers="
          + headers.keySet()
          + ", signed="
          + (secret != null)
          + "]";
    }
  }

  /** A real Alertmanager's {@code /api/v2/alerts}. */
  record AlertmanagerForward(URI url, Duration hold) implements ReceiverSpec {
    @Override
    public Notifier create(
        String receiver, AlertJson json, NotificationMetrics metrics, Clock clock) {
      return new WebhookNotifier(
          WebhookConfig.of(receiver, AlertmanagerForwardPayload.endpoint(url)),
          new AlertmanagerForwardPayload(clock, hold),
          metrics);
    }
  }
}
