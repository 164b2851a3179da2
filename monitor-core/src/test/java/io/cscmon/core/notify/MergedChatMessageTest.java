package io.cscmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.testing.FakeClock;
import io.cscmon.core.testing.TestAlerts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Several notifications in one chat robot message: whole, in order, within the robot's limit. */
class MergedChatMessageTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern QUEUE = Pattern.compile("· 队列 queue-(\\d+)\\b");

  private final FakeClock clock = new FakeClock(TestAlerts.T0 + 600_000);
  private final ChatTexts zh = new ChatTexts(Language.ZH_CN, true, AlertTime.DEFAULT_ZONE, clock);

  /** One group per queue, {@code alerts} alerts each, numbered across the groups. */
  static List<WebhookMessage> groups(int groups, int alerts) {
    List<WebhookMessage> out = new ArrayList<>();
    int n = 0;
    for (int g = 0; g < groups; g++) {
      List<Alert> list = new ArrayList<>();
      for (int i = 0; i < alerts; i++, n++) {
        list.add(TestAlerts.firing("queue-" + n, "II", TestAlerts.T0 + n));
      }
      out.add(
          WebhookMessage.of(
              "robot",
              Map.of("alertname", "ServiceLevelBreach", "center", "sh", "group", "g" + g),
              "{}:{alertname=\"ServiceLevelBreach\", center=\"sh\", group=\"g" + g + "\"}",
              list,
              "http://cscmon.test:8080",
              0));
    }
    return out;
  }

  /** The queue numbers a message names, in the order it names them. */
  static List<Integer> queues(String content) {
    List<Integer> out = new ArrayList<>();
    Matcher m = QUEUE.matcher(content);
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Splits the notifications into messages as a notifier does, each taking what fits. */
  private static List<JsonNode> pack(Payload payload, List<WebhookMessage> messages)
      throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (int start = 0; start < messages.size(); ) {
      Payload.Merged m = payload.merge(messages.subList(start, messages.size()));
      assertThat(m.count()).isBetween(1, messages.size() - start);
      out.add(MAPPER.readTree(m.body()));
      start += m.count();
    }
    return out;
  }

  @Test
  void aHundredAlertsGoToWeComInFewFullMessagesEachOnceInOrder() throws Exception {
    List<WebhookMessage> burst = groups(100, 1);
    List<JsonNode> messages = pack(new WeComPayload(zh), burst);

    List<Integer> named = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      String content = messages.get(i).path("markdown").path("content").asText();
      assertThat(bytes(content)).isLessThanOrEqualTo(WeComPayload.MAX_BYTES);
      if (i < messages.size() - 1) {
        // Full: the room left is less than one more alert line (a line is at most a quarter).
        assertThat(bytes(content)).isGreaterThan(WeComPayload.MAX_BYTES * 3 / 4);
      }
      assertThat(content).startsWith("### 【通知汇总】").contains("[打开值班台](http://cscmon.test:8080/ui/)");
      named.addAll(queues(content));
    }
    assertThat(named).hasSize(100).isSorted().doesNotHaveDuplicates();
    assertThat(messages.size()).isLessThan(10);
  }

  @Test
  void groupsOfSeveralAlertsKeepTheirTitleAndAreNeverSplitAcrossMessages() throws Exception {
    List<WebhookMessage> burst = groups(12, 4);
    List<JsonNode> messages = pack(new WeComPayload(zh), burst);
    assertThat(messages).hasSizeGreaterThan(1);
    List<Integer> named = new ArrayList<>();
    for (JsonNode m : messages) {
      String content = m.path("markdown").path("content").asText();
      List<Integer> here = queues(content);
      assertThat(here.size() % 4).as("whole groups only").isZero();
      assertThat(content.split("#### 【告警 4 条】", -1)).hasSize(here.size() / 4 + 1);
      named.addAll(here);
    }
    assertThat(named).hasSize(48).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void oneNotificationAloneIsTheUsualMessageAndATooLargeOneIsCutAsBefore() {
    WeComPayload wecom = new WeComPayload(zh);
    WebhookMessage one = groups(1, 3).get(0);
    assertThat(wecom.merge(List.of(one))).isEqualTo(new Payload.Merged(wecom.body(one), 1));

    List<WebhookMessage> huge = groups(2, 60); // the first alone is over 4096 bytes
    Payload.Merged first = wecom.merge(huge);
    assertThat(first.count()).isEqualTo(1);
    assertThat(first.body()).isEqualTo(wecom.body(huge.get(0))).contains("条告警未列出");
  }

  @Test
  void dingTalkMergesUpToItsOwnLimitWithATitleCountingWhatItCarries() throws Exception {
    List<WebhookMessage> burst = groups(100, 1);
    List<JsonNode> messages = pack(new DingTalkPayload(null, zh), burst);
    List<Integer> named = new ArrayList<>();
    for (JsonNode m : messages) {
      String text = m.path("markdown").path("text").asText();
      assertThat(bytes(text)).isLessThanOrEqualTo(DingTalkPayload.MAX_BYTES);
      List<Integer> here = queues(text);
      assertThat(m.path("markdown").path("title").asText())
          .isEqualTo("【通知汇总】" + here.size() + " 组：告警 " + here.size() + " 条，已恢复 0 条");
      named.addAll(here);
    }
    assertThat(named).hasSize(100).isSorted().doesNotHaveDuplicates();
    assertThat(messages.size()).isLessThan(4);
  }

  @Test
  void englishMergedMessagesCountFiringAndResolved() {
    ChatTexts en = new ChatTexts(Language.EN, false, AlertTime.DEFAULT_ZONE, clock);
    WebhookMessage firing = groups(1, 1).get(0);
    Alert resolved = firing.alerts().get(0).resolved(TestAlerts.T0 + 60_000, Map.of());
    WebhookMessage resolution =
        WebhookMessage.of(
            "robot",
            firing.groupLabels(),
            firing.groupKey(),
            List.of(resolved),
            firing.externalURL(),
            0);
    Payload.Merged m = new WeComPayload(en).merge(List.of(firing, resolution));
    assertThat(m.count()).isEqualTo(2);
    assertThat(m.body()).contains("[2 notifications] 1 firing, 1 resolved").contains("~~");
  }
}
