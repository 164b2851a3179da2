package io.cscmon.core.notify;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.alert.WebhookMessage;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

/**
 * A notification as the short markdown a chat robot shows (DingTalk, WeCom): a title line with the
 * status, alert name and center, then one line per alert with its level, scope, summary, value and
 * start time in the bank's zone, then a link back. Cut to a byte budget on a line boundary, saying
 * how many alerts were left out, so a large group never makes the robot refuse the message.
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

  static String render(WebhookMessage m, ZoneId zone, int maxBytes) {
    String head = "### " + title(m) + "\n\n";
    String foot = m.externalURL().isEmpty() ? "" : "\n[cscmon](" + m.externalURL() + ")";
    StringBuilder out = new StringBuilder(head);
    int budget = maxBytes - bytes(head) - bytes(foot);
    List<Alert> alerts = m.alerts();
    int n = alerts.size();
    for (int i = 0; i < n; i++) {
      String line = line(alerts.get(i), zone);
      int after = n - i - 1;
      int reserve = after > 0 ? bytes(more(after)) : 0;
      if (bytes(line) + reserve > budget) {
        String cut = more(n - i);
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

  private static String more(int count) {
    return "- … and " + count + " more\n";
  }

  private static String line(Alert a, ZoneId zone) {
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
        l.append(" · ").append(name).append('=').append(v);
      }
    }
    String summary = a.annotations().get(Labels.SUMMARY);
    if (summary != null) {
      l.append(": ").append(summary);
    }
    String value = a.annotations().get(Labels.VALUE);
    if (value != null) {
      l.append(" (").append(value);
      String threshold = a.annotations().get(Labels.THRESHOLD);
      if (threshold != null) {
        l.append(" vs ").append(threshold);
      }
      l.append(')');
    }
    l.append(a.isFiring() ? ", since " : ", resolved ")
        .append(AlertTime.format(a.isFiring() ? a.startsAt() : a.endsAt(), zone));
    String runbook = a.annotations().get(Labels.RUNBOOK_URL);
    if (runbook != null && !runbook.isEmpty()) {
      l.append(" [runbook](").append(runbook).append(')');
    }
    return l.append('\n').toString().replace("\r", "");
  }

  static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
