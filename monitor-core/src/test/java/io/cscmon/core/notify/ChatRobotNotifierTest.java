package io.cscmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.metrics.NotificationMetrics;
import io.cscmon.core.testing.TestAlerts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DingTalk and WeCom notifiers against a local server that checks them as the robots do. */
class ChatRobotNotifierTest {

  private static final String SECRET =
      "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private ChatRobot robot(String secret) throws Exception {
    ChatRobot r = new ChatRobot(secret);
    closeables.add(r);
    return r;
  }

  private WebhookNotifier notifier(String receiver, URI url, Payload payload) {
    WebhookNotifier n =
        new WebhookNotifier(
            WebhookConfig.of(receiver, url)
                .withMaxAttempts(3)
                .withTimeout(Duration.ofSeconds(5))
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)),
            payload,
            new NotificationMetrics(registry));
    closeables.add(n);
    return n;
  }

  private static WebhookMessage message(int alerts) {
    List<Alert> list = new ArrayList<>();
    for (int i = 0; i < alerts; i++) {
      list.add(TestAlerts.firing("queue-" + i + "-服务质量", "II", TestAlerts.T0 + i));
    }
    return WebhookMessage.of(
        "robot",
        Map.of("alertname", "ServiceLevelBreach", "center", "sh"),
        "{}:{alertname=\"ServiceLevelBreach\", center=\"sh\"}",
        list,
        "http://cscmon.test:8080",
        0);
  }

  private static DeliveryResult send(Notifier n, WebhookMessage m) throws Exception {
    return n.notify(m).get(30, TimeUnit.SECONDS);
  }

  @Test
  void dingTalkMarkdownIsSignedAsDocumentedAndAccepted() throws Exception {
    ChatRobot robot = robot(SECRET);
    Notifier n =
        notifier(
            "dingtalk", robot.dingTalkUrl(), new DingTalkPayload(SECRET, AlertTime.DEFAULT_ZONE));

    assertThat(send(n, message(2))).isEqualTo(DeliveryResult.DELIVERED);

    ChatRobot.Received r = robot.received().get(0);
    assertThat(r.query()).containsEntry("access_token", "abc123").containsKeys("timestamp", "sign");
    assertThat(r.body().path("msgtype").asText()).isEqualTo("markdown");
    assertThat(r.body().path("markdown").path("title").asText())
        .isEqualTo("[FIRING:2] ServiceLevelBreach @ sh");
    String text = r.body().path("markdown").path("text").asText();
    assertThat(text)
        .startsWith("### [FIRING:2] ServiceLevelBreach @ sh")
        .contains("level II")
        .contains("queue=queue-0-服务质量")
        .contains("(0.62 vs 0.80)")
        .contains("since 2026-11-18T19:06:40+08:00")
        .endsWith("[cscmon](http://cscmon.test:8080)");
  }

  @Test
  void dingTalkWithAWrongSecretIsRejectedByErrcodeDespiteHttp200() throws Exception {
    ChatRobot robot = robot(SECRET);
    Notifier n =
        notifier(
            "dingtalk",
            robot.dingTalkUrl(),
            new DingTalkPayload("SECwrong", AlertTime.DEFAULT_ZONE));

    assertThat(send(n, message(1))).isEqualTo(DeliveryResult.REJECTED);
    assertThat(robot.received()).hasSize(1); // not retried: the same signature cannot get better
  }

  @Test
  void dingTalkRateLimitIsRetried() throws Exception {
    ChatRobot robot = robot(SECRET).failWith(DingTalkPayload.TOO_FAST);
    Notifier n =
        notifier(
            "dingtalk", robot.dingTalkUrl(), new DingTalkPayload(SECRET, AlertTime.DEFAULT_ZONE));

    assertThat(send(n, message(1))).isEqualTo(DeliveryResult.DELIVERED);
    assertThat(robot.received()).hasSize(2);
    assertThat(robot.received().get(0).query().get("timestamp")).isNotNull();
  }

  @Test
  void dingTalkSignatureMatchesTheDocumentedExample() {
    // Same computation as DingTalk's Java sample: Base64(HmacSHA256(secret, ts+"\n"+secret)),
    // then URL-encoded; the Base64 of this digest contains '+' or '/' or '=' to be encoded.
    String sign = DingTalkPayload.sign(1_700_000_000_000L, "SECabc");
    assertThat(sign).doesNotContain("+", "/").endsWith("%3D");
  }

  @Test
  void weComMarkdownStaysWithin4096BytesAndSaysWhatWasLeftOut() throws Exception {
    ChatRobot robot = robot(null);
    Notifier n = notifier("wecom", robot.weComUrl(), new WeComPayload(AlertTime.DEFAULT_ZONE));

    assertThat(send(n, message(60))).isEqualTo(DeliveryResult.DELIVERED);

    String content = robot.received().get(0).body().path("markdown").path("content").asText();
    assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
    assertThat(content).startsWith("### [FIRING:60] ServiceLevelBreach @ sh").contains("more\n");
    assertThat(content).endsWith("[cscmon](http://cscmon.test:8080)");

    assertThat(send(n, message(1))).isEqualTo(DeliveryResult.DELIVERED);
    String small = robot.received().get(1).body().path("markdown").path("content").asText();
    assertThat(small).doesNotContain("more");
  }

  @Test
  void weComErrorCodeIsARejection() throws Exception {
    ChatRobot robot = robot(null).failWith(93000);
    Notifier n = notifier("wecom", robot.weComUrl(), new WeComPayload(AlertTime.DEFAULT_ZONE));
    assertThat(send(n, message(1))).isEqualTo(DeliveryResult.REJECTED);
  }
}
