package io.cscmon.core.notify;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.alert.RunbookLinks;
import io.cscmon.core.alert.WebhookMessage;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A notification as the short markdown a chat robot shows (DingTalk, WeCom): a title line with the
 * status, alert name and center, then one line per alert with its level, scope, summary, value and
 * start time in the bank's zone, then a link back. Cut to a byte budget on a line boundary, saying
 * how many alerts were left out, so a large group never makes the robot refuse the message. In
 * Chinese or English, with identifying numbers masked or not, as {@link ChatTexts} says.
 */
final class ChatMarkdown {
  private ChatMarkdown() {}

  private static final List<String> SCOPE =
      List.of(
          Labels.QUEUE,
          Labels.COMPONENT,
          Labels.INSTANCE,
          Labels.CHANNEL,
          Labels.TOPIC,
          Labels.SOURCE,
          Labels.ATTACK_TYPE);

  private static final Map<String, String> SCOPE_ZH =
      Map.of(
          Labels.CENTER, "中心",
          Labels.QUEUE, "队列",
          Labels.COMPONENT, "组件",
          Labels.INSTANCE, "实例",
          Labels.CHANNEL, "渠道",
          Labels.TOPIC, "业务",
          Labels.SOURCE, "来源",
          Labels.ATTACK_TYPE, "攻击类型");

  static String title(WebhookMessage m, ChatTexts texts) {
    if (texts.language() == Language.ZH_CN) {
      return titleZh(m, texts);
    }
    return texts.safe(title(m));
  }

  /** 「【告警 2 条】Ⅲ级 技术风险：核心银行系统中断 32 分钟 等」, or 「【已恢复】…」. */
  private static String titleZh(WebhookMessage m, ChatTexts texts) {
    List<Alert> firing = mostSevereFirst(m.alerts()).stream().filter(Alert::isFiring).toList();
    if (firing.isEmpty()) {
      return m.alerts().isEmpty() ? "【已恢复】" : "【已恢复】" + texts.headlineZh(m.alerts().get(0));
    }
    String head = texts.headlineZh(firing.get(0));
    return firing.size() == 1 ? "【告警】" + head : "【告警 " + firing.size() + " 条】" + head + " 等";
  }

  /**
   * The order a person reads a group in: firing before resolved, the most severe emergency level
   * and severity first, otherwise as they came. A chat message has room for a few lines, and the
   * cut ("… and 47 more") must never hide a level I among level IV ones.
   */
  static List<Alert> mostSevereFirst(List<Alert> alerts) {
    return alerts.stream()
        .sorted(
            java.util.Comparator.comparing((Alert a) -> !a.isFiring())
                .thenComparing(a -> -levelRank(a))
                .thenComparing(a -> severityRank(a)))
        .toList();
  }

  private static int levelRank(Alert a) {
    String level = a.label(Labels.EMERGENCY_LEVEL);
    try {
      return level == null ? -1 : EmergencyLevel.fromLabel(level).ordinal();
    } catch (IllegalArgumentException e) {
      return -1; // a forwarded alert with a level of its own: after ours
    }
  }

  private static int severityRank(Alert a) {
    String severity = a.label(Labels.SEVERITY);
    return "critical".equals(severity) ? 0 : "warning".equals(severity) ? 1 : 2;
  }

  static String title(WebhookMessage m) {
    long firing = m.alerts().stream().filter(Alert::isFiring).count();
    String status = firing > 0 ? "FIRING:" + firing : "RESOLVED";
    String name =
        m.groupLabels().getOrDefault(Labels.ALERTNAME, m.commonLabels().get(Labels.ALERTNAME));
    String center =
        m.groupLabels().getOrDefault(Labels.CENTER, m.commonLabels().get(Labels.CENTER));
    StringBuilder t = new StringBuilder("[").append(status).append("] ");
    t.append(name == null ? "alerts" : name);
    if (center != null) {
      t.append(" @ ").append(center);
    }
    return t.toString();
  }

  static String render(WebhookMessage m, ChatTexts texts, int maxBytes) {
    boolean zh = texts.language() == Language.ZH_CN;
    String head = "### " + title(m, texts) + "\n\n";
    String foot = foot(m.externalURL(), zh);
    StringBuilder out = new StringBuilder(head);
    int budget = maxBytes - bytes(head) - bytes(foot);
    List<Alert> alerts = mostSevereFirst(m.alerts());
    int n = alerts.size();
    for (int i = 0; i < n; i++) {
      String line =
          cap(
              zh
                  ? lineZh(alerts.get(i), texts, m.externalURL())
                  : line(alerts.get(i), texts, m.externalURL()),
              maxBytes / 4);
      int after = n - i - 1;
      int reserve = after > 0 ? bytes(more(after, zh)) : 0;
      if (bytes(line) + reserve > budget) {
        String cut = more(n - i, zh);
        if (bytes(cut) <= budget) {
          out.append(cut);
        }
        break;
      }
      out.append(line);
      budget -= bytes(line);
    }
    return out.append(foot).toString();
  }

  /**
   * Several notifications of one receiver as one message, as many of the first ones as fit in
   * {@code maxBytes} whole (a robot's 20-a-minute limit makes each message count): a heading that
   * counts them, then each notification in order — a single alert as its line, a group of several
   * under its title — then the link back. The first notification always goes, alone and cut as
   * {@link #render} cuts it when even it does not fit.
   */
  static MergedText merge(List<WebhookMessage> messages, ChatTexts texts, int maxBytes) {
    WebhookMessage first = messages.get(0);
    if (messages.size() == 1) {
      return new MergedText(title(first, texts), render(first, texts, maxBytes), 1);
    }
    boolean zh = texts.language() == Language.ZH_CN;
    // The heading of all of them is at least as long as that of any prefix: reserve its bytes.
    int budget =
        maxBytes - bytes(heading(messages, zh) + "\n\n") - bytes(foot(first.externalURL(), zh));
    List<String> sections = new ArrayList<>();
    for (WebhookMessage m : messages) {
      String section = section(m, texts, maxBytes);
      if (bytes(section) > budget) {
        break;
      }
      sections.add(section);
      budget -= bytes(section);
    }
    if (sections.size() < 2) {
      return new MergedText(title(first, texts), render(first, texts, maxBytes), 1);
    }
    List<WebhookMessage> carried = messages.subList(0, sections.size());
    String heading = heading(carried, zh);
    String text =
        "### " + heading + "\n\n" + String.join("", sections) + foot(first.externalURL(), zh);
    return new MergedText(heading, text, sections.size());
  }

  /** One message of {@link #merge}: its title, its markdown, how many notifications it carries. */
  record MergedText(String title, String text, int count) {}

  /** 「【通知汇总】3 组：告警 5 条，已恢复 1 条」 or "[3 notifications] 5 firing, 1 resolved". */
  private static String heading(List<WebhookMessage> messages, boolean zh) {
    long firing = 0;
    long resolved = 0;
    for (WebhookMessage m : messages) {
      for (Alert a : m.alerts()) {
        if (a.isFiring()) {
          firing++;
        } else {
          resolved++;
        }
      }
    }
    return zh
        ? "【通知汇总】" + messages.size() + " 组：告警 " + firing + " 条，已恢复 " + resolved + " 条"
        : "["
            + messages.size()
            + " notifications] "
            + firing
            + " firing, "
            + resolved
            + " resolved";
  }

  /** A notification inside a merged message: its line, or its title over its lines. */
  private static String section(WebhookMessage m, ChatTexts texts, int maxBytes) {
    boolean zh = texts.language() == Language.ZH_CN;
    StringBuilder s = new StringBuilder();
    if (m.alerts().size() != 1) {
      s.append("#### ").append(title(m, texts)).append('\n');
    }
    for (Alert a : mostSevereFirst(m.alerts())) {
      s.append(
          cap(
              zh ? lineZh(a, texts, m.externalURL()) : line(a, texts, m.externalURL()),
              maxBytes / 4));
    }
    return s.toString();
  }

  private static String foot(String externalUrl, boolean zh) {
    return externalUrl.isEmpty()
        ? ""
        : zh ? "\n[打开值班台](" + consoleUrl(externalUrl) + ")" : "\n[cscmon](" + externalUrl + ")";
  }

  private static String more(int count, boolean zh) {
    return zh ? "- ……另有 " + count + " 条告警未列出\n" : "- … and " + count + " more\n";
  }

  private static String consoleUrl(String externalUrl) {
    return (externalUrl.endsWith("/") ? externalUrl : externalUrl + "/") + "ui/";
  }

  /**
   * 「- **Ⅲ级 技术风险：核心银行系统中断 32 分钟** · 中心 sh · 组件 core_banking · 当前值 1（阈值 1）· 开始于 11-27 09:00
   * [处置手册](…)」.
   */
  private static String lineZh(Alert a, ChatTexts texts, String externalUrl) {
    StringBuilder l = new StringBuilder("- ");
    String mark = a.isFiring() ? "**" : "~~";
    l.append(mark).append(texts.headlineZh(a)).append(mark);
    if (!a.isFiring()) {
      l.append(" 已恢复");
    }
    for (String name : SCOPE_ZH.keySet().stream().sorted(ChatMarkdown::scopeOrder).toList()) {
      String v = a.label(name);
      if (v != null && !v.isEmpty()) {
        l.append(" · ").append(SCOPE_ZH.get(name)).append(' ').append(texts.safe(v));
      }
    }
    String value = a.annotations().get(Labels.VALUE);
    if (value != null) {
      l.append(" · 当前值 ").append(texts.safe(value));
      String threshold = a.annotations().get(Labels.THRESHOLD);
      if (threshold != null) {
        l.append("（阈值 ").append(texts.safe(threshold)).append('）');
      }
    }
    l.append(" · 开始于 ").append(texts.shortTime(a.startsAt()));
    if (!a.isFiring()) {
      l.append("，恢复于 ").append(texts.shortTime(a.endsAt()));
    }
    String runbook = RunbookLinks.absolute(a.annotations().get(Labels.RUNBOOK_URL), externalUrl);
    if (runbook != null && !runbook.isEmpty()) {
      l.append(" [处置手册](").append(runbook).append(')');
    }
    return l.append('\n').toString().replace("\r", "");
  }

  /** Center first, then the scope labels in the order of {@link #SCOPE}. */
  private static int scopeOrder(String a, String b) {
    return Integer.compare(rank(a), rank(b));
  }

  private static int rank(String name) {
    return Labels.CENTER.equals(name) ? -1 : SCOPE.indexOf(name);
  }

  private static String line(Alert a, ChatTexts texts, String externalUrl) {
    ZoneId zone = texts.zone();
    StringBuilder l = new StringBuilder("- ");
    l.append(a.isFiring() ? "**" : "~~").append(a.alertname()).append(a.isFiring() ? "**" : "~~");
    String level = a.label(Labels.EMERGENCY_LEVEL);
    if (level != null && !"none".equals(level)) {
      l.append(" · level ").append(level);
    }
    String severity = a.label(Labels.SEVERITY);
    if (severity != null) {
      l.append(" · ").append(severity);
    }
    for (String name : SCOPE) {
      String v = a.label(name);
      if (v != null && !v.isEmpty()) {
        l.append(" · ").append(name).append('=').append(texts.safe(v));
      }
    }
    String summary = a.annotations().get(Labels.SUMMARY);
    if (summary != null) {
      l.append(": ").append(texts.safe(summary));
    }
    String value = a.annotations().get(Labels.VALUE);
    if (value != null) {
      l.append(" (").append(texts.safe(value));
      String threshold = a.annotations().get(Labels.THRESHOLD);
      if (threshold != null) {
        l.append(" vs ").append(texts.safe(threshold));
      }
      l.append(')');
    }
    l.append(a.isFiring() ? ", since " : ", resolved ")
        .append(AlertTime.format(a.isFiring() ? a.startsAt() : a.endsAt(), zone));
    String runbook = RunbookLinks.absolute(a.annotations().get(Labels.RUNBOOK_URL), externalUrl);
    if (runbook != null && !runbook.isEmpty()) {
      l.append(" [runbook](").append(runbook).append(')');
    }
    return l.append('\n').toString().replace("\r", "");
  }

  /**
   * A line of at most {@code maxBytes} UTF-8 bytes: a longer one (a summary of kilobytes) is cut
   * between two characters, never inside one, and ends in "…", so one alert cannot crowd out the
   * others and the robot never gets broken UTF-8.
   */
  static String cap(String line, int maxBytes) {
    if (bytes(line) <= maxBytes) {
      return line;
    }
    String tail = "…\n";
    int budget = maxBytes - bytes(tail);
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      int n = bytes(new String(Character.toChars(cp)));
      if (cp == '\n' || used + n > budget) {
        break;
      }
      out.appendCodePoint(cp);
      used += n;
      i += Character.charCount(cp);
    }
    return out.append(tail).toString();
  }

  static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
