package io.cscmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.WebhookMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat robots' texts in Simplified Chinese (issue 13), masked (issue 12), within limits. */
class ChineseChatTextsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long START = Instant.parse("2026-11-27T01:00:00Z").toEpochMilli();
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-27T01:32:10Z"), ZoneOffset.UTC); // 32 min later
  private static final ChatTexts ZH = ChatTexts.chinese(AlertTime.DEFAULT_ZONE, NOW);

  private static Alert outage(String center, String level) {
    return Alert.firing(
        Map.of(
            "alertname", "ComponentOutage",
            "incident_type", "outage",
            "risk_category", "technical",
            "emergency_level", level,
            "severity", "warning",
            "center", center,
            "component", "core_banking"),
        Map.of(
            "summary", "Component core_banking is down at center " + center,
            "runbook_url", "https://wiki.bank.example/runbook#componentoutage",
            "plan_section", "一、预案概述 (三) 技术风险",
            "value", "1",
            "threshold", "1"),
        START,
        "");
  }

  private static Alert tdos(String source, String summary) {
    return Alert.firing(
        Map.of(
            "alertname", "TelephonyDenialOfService",
            "incident_type", "attack",
            "attack_type", "tdos",
            "risk_category", "technical",
            "emergency_level", "II",
            "center", "sh",
            "source", source),
        Map.of("summary", summary, "value", "12"),
        START,
        "");
  }

  private static WebhookMessage message(List<Alert> alerts) {
    return WebhookMessage.of(
        "oncall",
        Map.of("alertname", alerts.get(0).alertname(), "center", "sh"),
        "{}:{alertname=\"ComponentOutage\", center=\"sh\"}",
        alerts,
        "http://cscmon.bank.example:8080",
        0);
  }

  private static JsonNode json(String body) throws Exception {
    return MAPPER.readTree(body);
  }

  @Test
  void dingTalkReadsAsTheCenterSpeaks() throws Exception {
    JsonNode body = json(new DingTalkPayload(null, ZH).body(message(List.of(outage("sh", "III")))));

    String title = body.path("markdown").path("title").asText();
    String text = body.path("markdown").path("text").asText();
    assertThat(title).isEqualTo("【告警】Ⅲ级 技术风险：核心银行系统中断 32 分钟");
    assertThat(text)
        .startsWith("### 【告警】Ⅲ级 技术风险：核心银行系统中断 32 分钟\n\n")
        .contains("- **Ⅲ级 技术风险：核心银行系统中断 32 分钟** · 中心 sh · 组件 core_banking")
        .contains("当前值 1（阈值 1）")
        .contains("开始于 11-27 09:00") // Asia/Shanghai
        .contains("[处置手册](https://wiki.bank.example/runbook#componentoutage)")
        .endsWith("[打开值班台](http://cscmon.bank.example:8080/ui/)")
        .doesNotContain("FIRING", "since", "level III");
  }

  @Test
  void theShippedRunbookLinkOpensTheRunbookTheServiceServes() throws Exception {
    // The annotation names the repository's file; a phone in a chat app needs a link that opens.
    Alert a = outage("sh", "III");
    Map<String, String> annotations = new java.util.TreeMap<>(a.annotations());
    annotations.put("runbook_url", "alert-rules/runbook.md#componentoutage");
    Alert shipped = Alert.firing(a.labels(), annotations, START, "");
    String served = "(http://cscmon.bank.example:8080/ui/runbook#componentoutage)";

    JsonNode zh = json(new DingTalkPayload(null, ZH).body(message(List.of(shipped))));
    JsonNode en =
        json(
            new DingTalkPayload(null, ChatTexts.english(AlertTime.DEFAULT_ZONE, NOW))
                .body(message(List.of(shipped))));

    assertThat(zh.path("markdown").path("text").asText()).contains("[处置手册]" + served);
    assertThat(en.path("markdown").path("text").asText()).contains("[runbook]" + served);
  }

  @Test
  void aLevelOneAmongManyLevelFourAlertsLeadsTheTitleAndIsNeverCut() throws Exception {
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      alerts.add(outage("c" + i, "IV"));
    }
    alerts.add(outage("sh", "I")); // the last of the group, as the manager happened to order it

    String text =
        json(new WeComPayload(ZH).body(message(alerts))).path("markdown").path("content").asText();

    assertThat(text).startsWith("### 【告警 51 条】Ⅰ级 技术风险：核心银行系统中断");
    assertThat(text.lines().filter(l -> l.startsWith("- ")).findFirst().orElseThrow())
        .contains("Ⅰ级")
        .contains("中心 sh");
    assertThat(text).contains("另有"); // the cut came, below it
  }

  private static Alert queueRule(String alertname, String value, String threshold) {
    return Alert.firing(
        Map.of(
            "alertname", alertname,
            "incident_type", "service_level",
            "risk_category", "operational",
            "emergency_level", "III",
            "severity", "warning",
            "center", "sh",
            "queue", "retail"),
        Map.of("summary", alertname, "value", value, "threshold", threshold),
        START,
        "");
  }

  /** Each service-level rule says what it watches and which way it went (not all 服务水平降至). */
  @Test
  void serviceLevelHeadlinesSayWhatMovedWhichWay() {
    assertThat(ZH.headlineZh(queueRule("AbandonmentHigh", "0.9046", "0.4000")))
        .isEqualTo("Ⅲ级 操作风险：队列 retail 放弃率升至 90.5%（阈值 40.0%）");
    assertThat(ZH.headlineZh(queueRule("ServiceLevelBreach", "0.2280", "0.2500")))
        .isEqualTo("Ⅲ级 操作风险：队列 retail 服务水平降至 22.8%（阈值 25.0%）");
    assertThat(ZH.headlineZh(queueRule("LongestWaitHigh", "310", "300")))
        .isEqualTo("Ⅲ级 操作风险：队列 retail LongestWaitHigh 升至 310（阈值 300）");
  }

  /** Only the shipped volume rules measure calls against the usual; a center's own says its own. */
  @Test
  void volumeHeadlinesSayTimesTheUsualOnlyForTheShippedRatioRules() {
    Alert peak = withIncident(queueRule("PeakLoad", "2.1000", "2.0000"), "peak_load");
    Alert backlog = withIncident(queueRule("QueueBacklogNow", "3.0000", "2.0000"), "peak_load");
    assertThat(ZH.headlineZh(peak)).isEqualTo("Ⅲ级 操作风险：retail 话务量达到平时的 2.1000 倍");
    assertThat(ZH.headlineZh(backlog))
        .isEqualTo("Ⅲ级 操作风险：retail QueueBacklogNow 升至 3.0000（阈值 2.0000）");
  }

  private static Alert withIncident(Alert a, String incidentType) {
    Map<String, String> labels = new java.util.TreeMap<>(a.labels());
    labels.put("incident_type", incidentType);
    return Alert.firing(labels, a.annotations(), a.startsAt(), "");
  }

  @Test
  void theEmergencyActivationReadsInChineseToo() {
    io.cscmon.core.rule.EmergencyActivation center =
        new io.cscmon.core.rule.EmergencyActivation("sh");
    Alert activation = center.apply(outage("sh", "II"), START).orElseThrow();

    assertThat(ZH.headlineZh(activation))
        .isEqualTo("Ⅱ级 技术风险：中心 sh 启动应急响应（1 条告警，最严重 ComponentOutage component=core_banking）");
  }

  @Test
  void resolvedOutageStatesHowLongItLasted() throws Exception {
    Alert resolved = outage("sh", "III").resolved(START + 47 * 60_000, Map.of());
    JsonNode body = json(new DingTalkPayload(null, ZH).body(message(List.of(resolved))));
    assertThat(body.path("markdown").path("title").asText())
        .isEqualTo("【已恢复】Ⅲ级 技术风险：核心银行系统中断 47 分钟");
    assertThat(body.path("markdown").path("text").asText())
        .contains("~~Ⅲ级 技术风险：核心银行系统中断 47 分钟~~ 已恢复")
        .contains("恢复于 11-27 09:47");
  }

  @Test
  void severalAlertsAreCountedInTheTitle() throws Exception {
    JsonNode body =
        json(
            new DingTalkPayload(null, ZH)
                .body(message(List.of(outage("sh", "III"), outage("bj", "IV")))));
    assertThat(body.path("markdown").path("title").asText())
        .isEqualTo("【告警 2 条】Ⅲ级 技术风险：核心银行系统中断 32 分钟 等");
  }

  @Test
  void weComStaysWithin4096BytesCutBetweenCharacters() throws Exception {
    List<Alert> many = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      many.add(outage("中心" + i, "III"));
    }
    // One alert whose summary alone is far beyond the limit, ending in a 4-byte character.
    String huge = "攻击来源号码 13812345678 ".repeat(400) + "😀";
    many.add(0, tdos("13912345678", huge));

    String content =
        json(new WeComPayload(ZH).body(message(many))).path("markdown").path("content").asText();
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);

    assertThat(bytes.length).isLessThanOrEqualTo(WeComPayload.MAX_BYTES).isGreaterThan(3000);
    assertThat(strictUtf8(bytes)).isEqualTo(content);
    assertThat(content).contains("条告警未列出").endsWith("[打开值班台](http://cscmon.bank.example:8080/ui/)");
    assertThat(content).doesNotContain("13912345678", "13812345678").contains("139****5678");
    // Lone surrogates would mean a character was cut in half.
    assertThat(content.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF)).isTrue();
  }

  @Test
  void aLineLongerThanItsShareIsCutOnACharacterBoundary() {
    String line = "- " + "风".repeat(500) + "😀".repeat(10) + "\n";
    String cut = ChatMarkdown.cap(line, 301);
    assertThat(ChatMarkdown.bytes(cut)).isLessThanOrEqualTo(301);
    assertThat(cut).endsWith("…\n").startsWith("- 风风");
    assertThat(cut.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF)).isTrue();
    assertThat(ChatMarkdown.cap("- short\n", 301)).isEqualTo("- short\n");
  }

  @Test
  void attackSourcesAreMaskedUnlessTheReceiverSaysOtherwise() throws Exception {
    Alert attack = tdos("203.0.113.0/24", "TDoS from 13812345678 and 203.0.113.77");
    WebhookMessage m = message(List.of(attack));

    String masked =
        json(new DingTalkPayload(null, ZH).body(m)).path("markdown").path("text").asText();
    assertThat(masked)
        .contains("Ⅱ级 技术风险：电话拒绝服务攻击（TDoS），来源 203.0.*.*/24")
        .doesNotContain("203.0.113");

    ChatTexts open = new ChatTexts(Language.ZH_CN, false, AlertTime.DEFAULT_ZONE, NOW);
    assertThat(json(new DingTalkPayload(null, open).body(m)).path("markdown").path("text").asText())
        .contains("来源 203.0.113.0/24");

    ChatTexts english = ChatTexts.english(AlertTime.DEFAULT_ZONE, NOW);
    assertThat(json(new WeComPayload(english).body(m)).path("markdown").path("content").asText())
        .startsWith("### [FIRING:1] TelephonyDenialOfService @ sh")
        .contains("TDoS from 138****5678 and 203.0.*.*")
        .contains("source=203.0.*.*/24");
  }

  @Test
  void webhooksAreEnglishAndUnmaskedByDefaultChineseAndMaskedOnRequest() throws Exception {
    AlertJson alertJson = new AlertJson(AlertTime.DEFAULT_ZONE);
    Alert attack = tdos("203.0.113.0/24", "TDoS from 13812345678");
    WebhookMessage m = message(List.of(attack));

    ReceiverSpec.Webhook byDefault = new ReceiverSpec.Webhook(java.net.URI.create("http://x/"));
    assertThat(byDefault.language()).isEqualTo(Language.EN);
    assertThat(byDefault.mask()).isFalse();
    JsonNode asIs = json(Payload.alertmanagerWebhook(alertJson).body(m));
    assertThat(asIs.path("alerts").get(0).path("labels").path("source").asText())
        .isEqualTo("203.0.113.0/24");
    JsonNode english =
        json(
            Payload.alertmanagerWebhook(alertJson, ChatTexts.english(AlertTime.DEFAULT_ZONE, NOW))
                .body(m));
    JsonNode a = english.path("alerts").get(0);
    assertThat(a.path("annotations").path("summary").asText()).isEqualTo("TDoS from 138****5678");
    assertThat(a.path("labels").path("source").asText()).isEqualTo("203.0.*.*/24");
    assertThat(a.path("fingerprint").asText()).isEqualTo(attack.fingerprint());

    JsonNode chinese = json(Payload.alertmanagerWebhook(alertJson, ZH).body(m));
    assertThat(chinese.path("alerts").get(0).path("annotations").path("summary").asText())
        .isEqualTo("Ⅱ级 技术风险：电话拒绝服务攻击（TDoS），来源 203.0.*.*/24");
  }

  @Test
  void languagesAreNamedTheWayConfigsWriteThem() {
    assertThat(Language.of("zh-CN")).isEqualTo(Language.ZH_CN);
    assertThat(Language.of("zh_cn")).isEqualTo(Language.ZH_CN);
    assertThat(Language.of("en")).isEqualTo(Language.EN);
    assertThatThrownBy(() -> Language.of("fr")).hasMessage("language 'fr' is not one of zh-CN, en");
  }

  private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
