package io.cscmon.core.notify;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.Labels;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * How a chat robot's notification reads: its language, whether identifying numbers are masked
 * ({@link Masking}), the zone its times are shown in, and the clock that says how long a firing
 * outage has lasted.
 *
 * <p>The Chinese texts name the plan's emergency level and risk category first, the way the 7x24
 * staff speak of an incident (「Ⅲ级 技术风险：核心银行系统中断 32 分钟」), then what and where.
 */
public record ChatTexts(Language language, boolean mask, ZoneId zone, Clock clock) {

  /** Chat robots' default: Simplified Chinese, masked, in the bank's zone. */
  public static ChatTexts chinese(ZoneId zone, Clock clock) {
    return new ChatTexts(Language.ZH_CN, true, zone, clock);
  }

  public static ChatTexts english(ZoneId zone, Clock clock) {
    return new ChatTexts(Language.EN, true, zone, clock);
  }

  private static final Map<String, String> LEVEL =
      Map.of("I", "Ⅰ级", "II", "Ⅱ级", "III", "Ⅲ级", "IV", "Ⅳ级");

  private static final Map<String, String> RISK =
      Map.of(
          "technical", "技术风险",
          "operational", "操作风险",
          "market", "市场风险",
          "credit", "信用风险");

  /** The contract's component names (CONTRACT §1 health), as the center's staff call them. */
  private static final Map<String, String> COMPONENT =
      Map.ofEntries(
          Map.entry("voice_gateway", "语音网关"),
          Map.entry("ivr", "IVR 自助语音系统"),
          Map.entry("acd", "ACD 排队系统"),
          Map.entry("cti", "CTI 系统"),
          Map.entry("crm", "CRM 系统"),
          Map.entry("core_banking", "核心银行系统"),
          Map.entry("sms_gateway", "短信网关"),
          Map.entry("web", "网上银行"),
          Map.entry("app_api", "手机银行接口"),
          Map.entry("database", "数据库"),
          Map.entry("network", "网络"));

  private static final Map<String, String> ATTACK =
      Map.of(
          "tdos", "电话拒绝服务攻击（TDoS）",
          "ivr_bruteforce", "IVR 密码暴力破解",
          "credential_stuffing", "撞库攻击",
          "ddos", "DDoS 攻击");

  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm");

  /** A label or annotation value as it may leave the bank: masked when configured. */
  String safe(String text) {
    return mask ? Masking.mask(text) : text;
  }

  /**
   * 「Ⅲ级 技术风险：核心银行系统中断 32 分钟」: level (when the alert activates one), risk category, and what
   * happened where.
   */
  String headlineZh(Alert a) {
    StringBuilder h = new StringBuilder();
    String level = LEVEL.get(a.label(Labels.EMERGENCY_LEVEL));
    if (level != null) {
      h.append(level).append(' ');
    }
    String risk = a.label(Labels.RISK_CATEGORY);
    h.append(RISK.getOrDefault(risk, risk == null ? "告警" : risk)).append('：');
    return h.append(whatZh(a)).toString();
  }

  private String whatZh(Alert a) {
    String component = a.label(Labels.COMPONENT);
    String componentZh = component == null ? null : COMPONENT.getOrDefault(component, component);
    String incident = a.label(Labels.INCIDENT_TYPE);
    String value = a.annotations().get(Labels.VALUE);
    String threshold = a.annotations().get(Labels.THRESHOLD);
    String alertname = a.alertname() == null ? "" : a.alertname();
    if ("ComponentOutage".equals(alertname) && componentZh != null) {
      long minutes = minutes(a);
      return componentZh + "中断" + (minutes >= 0 ? " " + minutes + " 分钟" : "");
    }
    if ("ComponentDegraded".equals(alertname) && componentZh != null) {
      return componentZh + "部分实例故障（" + safe(value) + " 个实例宕机）";
    }
    if (incident == null) {
      return safe(a.annotations().getOrDefault(Labels.SUMMARY, alertname));
    }
    return switch (incident) {
      case "outage" -> (componentZh != null ? componentZh : scopeZh(a)) + "中断";
      case "degradation" -> (componentZh != null ? componentZh : scopeZh(a)) + "性能下降";
      case "service_level" -> serviceLevelZh(a, alertname, value, threshold);
      case "peak_load" ->
          VOLUME_RATIOS.contains(alertname)
              ? scopeZh(a) + " 话务量达到平时的 " + safe(value) + " 倍"
              : ruleZh(a, alertname, value, threshold);
      case "topic_surge" ->
          VOLUME_RATIOS.contains(alertname)
              ? "「" + safe(a.label(Labels.TOPIC)) + "」相关来电激增至平时的 " + safe(value) + " 倍"
              : ruleZh(a, alertname, value, threshold);
      case "emergency" -> emergencyZh(a);
      case "attack" -> {
        String type = a.label(Labels.ATTACK_TYPE);
        String source = a.label(Labels.SOURCE);
        yield ATTACK.getOrDefault(type, "攻击 " + type)
            + (source == null || source.isEmpty() ? "" : "，来源 " + safe(source));
      }
      default -> safe(a.annotations().getOrDefault(Labels.SUMMARY, alertname));
    };
  }

  /**
   * 「队列 retail 放弃率升至 90.5%（阈值 40.0%）」: what the rule watches, which way it moved, and the shipped
   * ratios as percentages. Every service-level alert read 「服务水平降至」 before, an abandonment rate of
   * 90 % included (a black-box sweep). A rule of the center's own (any name) says its name and the
   * direction from its numbers.
   */
  private String serviceLevelZh(Alert a, String alertname, String value, String threshold) {
    String what = SERVICE_LEVEL_RATIOS.get(alertname);
    String moved = movedZh(value, threshold);
    return "队列 "
        + safe(a.label(Labels.QUEUE))
        + " "
        + (what != null ? what : alertname + " ")
        + moved
        + " "
        + (what != null ? percent(value) : safe(value))
        + "（阈值 "
        + (what != null ? percent(threshold) : safe(threshold))
        + "）";
  }

  /**
   * 「中心 sh 启动应急响应（2 条告警，最严重 ComponentOutage component=core_banking）」: the activation in the
   * center's words (its English summary came through before).
   */
  private String emergencyZh(Alert a) {
    String center = a.label(Labels.CENTER);
    String alerts = a.annotations().get("alerts");
    int count = alerts == null || alerts.isEmpty() ? 0 : alerts.split("; ").length;
    StringBuilder t =
        new StringBuilder("中心 ").append(safe(center == null ? "?" : center)).append(" 启动应急响应");
    if (count > 0) {
      String worst = alerts.split("; ")[0];
      int paren = worst.indexOf(" (");
      t.append("（")
          .append(count)
          .append(" 条告警，最严重 ")
          .append(safe(paren > 0 ? worst.substring(0, paren) : worst))
          .append("）");
    }
    return t.toString();
  }

  /**
   * The shipped rules whose value is calls against the usual: only they may say "N 倍". A rule of
   * the center's own of the same incident type (calls waiting, say) said 「话务量达到平时的 3.0000 倍」 for
   * three calls waiting.
   */
  private static final java.util.Set<String> VOLUME_RATIOS =
      java.util.Set.of("PeakLoad", "MarketTopicSurge", "CreditTopicSurge");

  /** 「retail QueueBacklogNow 升至 8.0000（阈值 5.0000）」: a rule of the center's own, its numbers. */
  private String ruleZh(Alert a, String alertname, String value, String threshold) {
    String moved = movedZh(value, threshold);
    return scopeZh(a)
        + " "
        + safe(alertname)
        + " "
        + moved
        + " "
        + safe(value)
        + (threshold == null ? "" : "（阈值 " + safe(threshold) + "）");
  }

  /** The shipped service-level rules whose values are ratios, and what they measure. */
  private static final Map<String, String> SERVICE_LEVEL_RATIOS =
      Map.of("ServiceLevelBreach", "服务水平", "AbandonmentHigh", "放弃率");

  /** Which way the value went past its threshold: 「升至」, 「降至」, or 「为」 when either is no number. */
  private static String movedZh(String value, String threshold) {
    double v = number(value);
    double t = number(threshold);
    return Double.isNaN(v) || Double.isNaN(t) ? "为" : v > t ? "升至" : "降至";
  }

  private static double number(String text) {
    try {
      return text == null ? Double.NaN : Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private String percent(String ratio) {
    double r = number(ratio);
    return Double.isNaN(r) ? safe(ratio) : String.format(java.util.Locale.ROOT, "%.1f%%", 100 * r);
  }

  private String scopeZh(Alert a) {
    for (String name : new String[] {Labels.QUEUE, Labels.CHANNEL, Labels.TOPIC}) {
      String v = a.label(name);
      if (v != null && !v.isEmpty()) {
        return safe(v);
      }
    }
    String center = a.label(Labels.CENTER);
    return center == null ? "全中心" : "中心 " + safe(center);
  }

  /**
   * How long the outage has lasted: to its end once resolved, to now while firing; -1 when unknown
   * (a clock behind the event time, as in a replay of data from the future).
   */
  private long minutes(Alert a) {
    long end = a.isFiring() ? clock.millis() : a.endsAt();
    return end < a.startsAt() ? -1 : (end - a.startsAt()) / 60_000;
  }

  /** A webhook message as this receiver gets it: summaries in its language, values masked. */
  io.cscmon.core.alert.WebhookMessage forWebhook(io.cscmon.core.alert.WebhookMessage m) {
    io.cscmon.core.alert.WebhookMessage out = m;
    if (language == Language.ZH_CN) {
      java.util.List<Alert> alerts =
          m.alerts().stream()
              .map(
                  a -> {
                    var annotations = new java.util.TreeMap<>(a.annotations());
                    // Masked below with the rest, if at all.
                    annotations.put(Labels.SUMMARY, withoutMasking().headlineZh(a));
                    return new Alert(
                        a.status(),
                        a.labels(),
                        annotations,
                        a.startsAt(),
                        a.endsAt(),
                        a.generatorURL(),
                        a.fingerprint());
                  })
              .toList();
      out =
          io.cscmon.core.alert.WebhookMessage.of(
              m.receiver(),
              m.groupLabels(),
              m.groupKey(),
              alerts,
              m.externalURL(),
              m.truncatedAlerts());
    }
    return mask ? Masking.mask(out) : out;
  }

  private ChatTexts withoutMasking() {
    return new ChatTexts(language, false, zone, clock);
  }

  /** {@code 11-27 09:00} in the configured zone. */
  String shortTime(long epochMs) {
    return epochMs == Alert.UNSET ? "" : SHORT.format(Instant.ofEpochMilli(epochMs).atZone(zone));
  }

  String fullTime(long epochMs) {
    return AlertTime.format(epochMs, zone);
  }
}
