package io.cscmon.core.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.alert.WebhookMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A DingTalk custom robot ({@code https://oapi.dingtalk.com/robot/send?access_token=...}): a
 * markdown message, signed when the robot has a secret ("加签": {@code timestamp} in milliseconds and
 * {@code sign} = URL-encoded Base64 of HmacSHA256 over {@code timestamp + "\n" + secret} keyed by
 * the secret, as query parameters). DingTalk answers 200 even when it refuses: the answer's {@code
 * errcode} must be 0. Error 130101 ("send too fast", the 20-a-minute limit) is retried.
 */
public final class DingTalkPayload implements Payload {

  /** DingTalk's limit on a markdown message. */
  static final int MAX_BYTES = 20_000;

  static final int TOO_FAST = 130101;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String secret;
  private final ChatTexts texts;

  /**
   * @param secret the robot's signing secret ({@code SEC...}), or {@code null} for a robot secured
   *     by keyword or IP only
   * @param texts the language and masking of the messages
   */
  public DingTalkPayload(String secret, ChatTexts texts) {
    this.secret = secret == null || secret.isEmpty() ? null : secret;
    this.texts = texts;
  }

  /** English and masked. */
  public DingTalkPayload(String secret, ZoneId zone) {
    this(secret, ChatTexts.english(zone, java.time.Clock.systemUTC()));
  }

  @Override
  public String body(WebhookMessage m) {
    return markdown(ChatMarkdown.title(m, texts), ChatMarkdown.render(m, texts, MAX_BYTES));
  }

  @Override
  public boolean merges() {
    return true;
  }

  @Override
  public Merged merge(List<WebhookMessage> messages) {
    ChatMarkdown.MergedText m = ChatMarkdown.merge(messages, texts, MAX_BYTES);
    return new Merged(markdown(m.title(), m.text()), m.count());
  }

  private static String markdown(String title, String text) {
    var root = MAPPER.createObjectNode().put("msgtype", "markdown");
    root.putObject("markdown").put("title", title).put("text", text);
    root.putObject("at").put("isAtAll", false);
    return root.toString();
  }

  @Override
  public URI url(URI configured, long nowMillis) {
    if (secret == null) {
      return configured;
    }
    String sep = configured.getRawQuery() == null ? "?" : "&";
    return URI.create(
        configured + sep + "timestamp=" + nowMillis + "&sign=" + sign(nowMillis, secret));
  }

  /** DingTalk's signature: URL-encoded Base64 HmacSHA256 of {@code timestamp\nsecret}. */
  static String sign(long timestamp, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
      return URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  @Override
  public boolean readsResponse() {
    return true;
  }

  @Override
  public Verdict check(String responseBody) {
    return errcode(responseBody, TOO_FAST);
  }

  /**
   * The chat robots' {@code {"errcode":0,"errmsg":"ok"}}; {@code retryCode} is their rate limit.
   */
  static Verdict errcode(String responseBody, int retryCode) {
    try {
      JsonNode n = MAPPER.readTree(responseBody);
      if (n == null || !n.has("errcode")) {
        return Verdict.rejected("answer without errcode: " + abbreviate(responseBody));
      }
      int code = n.path("errcode").asInt(-1);
      if (code == 0) {
        return Verdict.OK;
      }
      String problem = "errcode " + code + ": " + n.path("errmsg").asText();
      return code == retryCode ? Verdict.retry(problem) : Verdict.rejected(problem);
    } catch (IOException e) {
      return Verdict.rejected("answer is not JSON: " + abbreviate(responseBody));
    }
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
