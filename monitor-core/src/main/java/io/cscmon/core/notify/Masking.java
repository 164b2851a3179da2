package io.cscmon.core.notify;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.alert.WebhookMessage;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what identifies a customer or a host in notification texts, since notifications leave the
 * bank's network (issue 12): account and card numbers keep their last 4 digits ({@code
 * ************1234}), phone numbers (ANIs) their first 3 and last 4 ({@code 138****5678}), IPv4
 * addresses their first two octets ({@code 203.0.*.*}), IPv6 addresses their first two groups
 * ({@code 2001:db8:*}). Enough to tell two incidents apart and to find the line in the bank's own
 * logs, not enough to call or target anyone. Digits that are part of a decimal number, a time or a
 * longer word are left alone.
 */
public final class Masking {
  private Masking() {}

  /** 12 to 19 digits, optionally in groups of 4 separated by a space or a dash (card numbers). */
  private static final Pattern ACCOUNT =
      Pattern.compile(
          "(?<![\\w.:/+-])(\\d{4}[ -]){2,3}\\d{4}(?:[ -]\\d{1,3})?(?![\\w.:]\\d|\\w)|"
              + "(?<![\\w.:/+-])\\d{12,19}(?![\\w]|[.:]\\d)");

  /**
   * Phone numbers: an optional {@code +}country code, then a landline with its area code ({@code
   * 021-61234567}) or 7 to 11 digits ({@code 13812345678}, {@code +8613812345678}). A date ({@code
   * 2026-11-27}) has neither shape.
   */
  private static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\w.:/+-])(\\+86[ -]?|\\+\\d{1,3}[ -])?(?:0\\d{2,3}-\\d{7,8}|\\d{7,11})(?!\\w|[.:/-]?\\d)");

  private static final Pattern IPV4 =
      Pattern.compile(
          "(?<![\\w.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![\\w]|\\.\\d)");

  /** IPv6 with at least four colons or a {@code ::}, so that times (09:00:00) never match. */
  private static final Pattern IPV6 =
      Pattern.compile(
          "(?<![\\w:.])(?=[0-9a-fA-F:]*(?:::|(?::[0-9a-fA-F]*){4}))"
              + "([0-9a-fA-F]{1,4}):([0-9a-fA-F]{0,4}):[0-9a-fA-F:]*[0-9a-fA-F](?![\\w:])");

  /** {@code text} with every account number, phone number and IP address masked. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = replace(ACCOUNT, text, Masking::maskAccount);
    out = replace(IPV4, out, Masking::maskIpv4);
    out = replace(IPV6, out, m -> m.group(1) + ":" + m.group(2) + ":*");
    return replace(PHONE, out, Masking::maskPhone);
  }

  private static String maskAccount(Matcher m) {
    String s = m.group();
    int digits = 0;
    StringBuilder out = new StringBuilder(s.length());
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (Character.isDigit(c)) {
        out.append(digits++ < 4 ? c : '*');
      } else {
        out.append(c);
      }
    }
    return out.reverse().toString();
  }

  private static String maskIpv4(Matcher m) {
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return m.group(); // a version number or the like, not an address
      }
    }
    return m.group(1) + "." + m.group(2) + ".*.*";
  }

  /** Keeps a country code, the first 3 and the last 4 digits of the number. */
  private static String maskPhone(Matcher m) {
    String s = m.group();
    String country = m.group(1) == null ? "" : m.group(1);
    String rest = s.substring(country.length());
    int total = (int) rest.chars().filter(Character::isDigit).count();
    StringBuilder out = new StringBuilder(country);
    int seen = 0;
    for (char c : rest.toCharArray()) {
      if (Character.isDigit(c)) {
        out.append(seen < 3 || seen >= total - 4 ? c : '*');
        seen++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String replace(
      Pattern p, String text, java.util.function.Function<Matcher, String> how) {
    Matcher m = p.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(how.apply(m)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The alert with its label and annotation values masked; the runbook link is kept (it points into
   * the bank, and the on-call needs it working) and so is the fingerprint, which identifies the
   * alert without revealing anything.
   */
  public static Alert mask(Alert a) {
    return new Alert(
        a.status(),
        maskValues(a.labels()),
        maskValues(a.annotations()),
        a.startsAt(),
        a.endsAt(),
        a.generatorURL(),
        a.fingerprint());
  }

  /**
   * The message with every alert, the group and common labels and the group key masked. (The {@code
   * Webhook-Id} is computed from the unmasked message, so it does not change.)
   */
  public static WebhookMessage mask(WebhookMessage m) {
    List<Alert> alerts = m.alerts().stream().map(Masking::mask).toList();
    return new WebhookMessage(
        m.receiver(),
        m.status(),
        alerts,
        maskValues(m.groupLabels()),
        maskValues(m.commonLabels()),
        maskValues(m.commonAnnotations()),
        m.externalURL(),
        mask(m.groupKey()),
        m.truncatedAlerts());
  }

  private static SortedMap<String, String> maskValues(Map<String, String> values) {
    SortedMap<String, String> out = new TreeMap<>();
    values.forEach(
        (k, v) ->
            out.put(k, Labels.RUNBOOK_URL.equals(k) || "generatorURL".equals(k) ? v : mask(v)));
    return out;
  }
}
