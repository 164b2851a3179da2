package io.cscmon.core.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.alert.WebhookMessage;
import java.time.ZoneId;
import java.util.List;

/**
 * A WeCom (企业微信) group robot ({@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...}): a
 * markdown message whose content is at most {@value #MAX_BYTES} bytes of UTF-8 (WeCom refuses
 * longer ones), cut on a line boundary with a count of what was left out. Like DingTalk it answers
 * 200 with an {@code errcode}; 45009 (the 20-a-minute limit) is retried.
 */
public final class WeComPayload implements Payload {

  public static final int MAX_BYTES = 4096;
  static final int TOO_FAST = 45009;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ChatTexts texts;

  public WeComPayload(ChatTexts texts) {
    this.texts = texts;
  }

  /** English and masked. */
  public WeComPayload(ZoneId zone) {
    this(ChatTexts.english(zone, java.time.Clock.systemUTC()));
  }

  @Override
  public String body(WebhookMessage m) {
    return markdown(ChatMarkdown.render(m, texts, MAX_BYTES));
  }

  @Override
  public boolean merges() {
    return true;
  }

  @Override
  public Merged merge(List<WebhookMessage> messages) {
    ChatMarkdown.MergedText m = ChatMarkdown.merge(messages, texts, MAX_BYTES);
    return new Merged(markdown(m.text()), m.count());
  }

  private static String markdown(String content) {
    var root = MAPPER.createObjectNode().put("msgtype", "markdown");
    root.putObject("markdown").put("content", content);
    return root.toString();
  }

  @Override
  public boolean readsResponse() {
    return true;
  }

  @Override
  public Verdict check(String responseBody) {
    return DingTalkPayload.errcode(responseBody, TOO_FAST);
  }
}
