package io.cscmon.dashboards;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL lexing to find the metric names and matcher labels of an expression; the
 * expressions' validity is promtool's to judge ({@link PromtoolTest}).
 */
final class PromQl {
  private PromQl() {}

  /** A metric a query selects, with the labels its matchers name. */
  record Selector(String metric, Set<String> labels) {}

  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
  private static final Pattern BRACES = Pattern.compile("\\{[^}]*}");
  private static final Pattern BRACKETS = Pattern.compile("\\[[^\\]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.])([a-zA-Z_:][\\w:]*)");
  private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_]\\w*)\\s*(?:=~|!~|!=|=)");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan",
          "Inf",
          "NaN");

  /** Grafana's variables replaced by values PromQL parses: intervals by a duration. */
  private static final Pattern INTERVAL_VARIABLE =
      Pattern.compile("\\$\\{?__(?:rate_interval|interval|range)(?::\\w+)?}?");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");

  /** The expression as Prometheus would see it after Grafana's interpolation. */
  static String interpolate(String expr) {
    String out = INTERVAL_VARIABLE.matcher(expr).replaceAll("5m");
    return VARIABLE.matcher(out).replaceAll("x");
  }

  /** Every metric the expression selects, with its matchers' labels. */
  static List<Selector> selectors(String expr) {
    String e = interpolate(expr);
    // Blank out strings first, keeping their length, so that braces inside them cannot confuse.
    StringBuilder blanked = new StringBuilder(e);
    Matcher s = STRING.matcher(e);
    while (s.find()) {
      for (int i = s.start() + 1; i < s.end() - 1; i++) {
        blanked.setCharAt(i, ' ');
      }
    }
    String text = blanked.toString();
    List<Selector> out = new ArrayList<>();
    // A metric is an identifier that is no function call, keyword, label list or duration.
    String bare = GROUPING.matcher(text).replaceAll(" ");
    bare = BRACKETS.matcher(bare).replaceAll(" ");
    StringBuilder withoutBraces = new StringBuilder();
    List<String> bodies = new ArrayList<>();
    Matcher b = BRACES.matcher(bare);
    int last = 0;
    while (b.find()) {
      withoutBraces.append(bare, last, b.start()).append("{").append(bodies.size()).append("}");
      bodies.add(b.group());
      last = b.end();
    }
    withoutBraces.append(bare.substring(last));
    String rest = withoutBraces.toString();
    Matcher id = IDENTIFIER.matcher(rest);
    while (id.find()) {
      String name = id.group(1);
      String after = rest.substring(id.end()).stripLeading();
      if (KEYWORDS.contains(name) || after.startsWith("(")) {
        continue;
      }
      Set<String> labels = new LinkedHashSet<>();
      if (after.startsWith("{")) {
        int index = Integer.parseInt(after.substring(1, after.indexOf('}')));
        Matcher m = MATCHER.matcher(bodies.get(index));
        while (m.find()) {
          labels.add(m.group(1));
        }
      }
      out.add(new Selector(name, labels));
    }
    return out;
  }

  /** {@code label_values(selector, label)} of a Grafana query variable, or null. */
  record LabelValues(String selector, String label) {}

  private static final Pattern LABEL_VALUES =
      Pattern.compile("^\\s*label_values\\((.*),\\s*(\\w+)\\s*\\)\\s*$", Pattern.DOTALL);

  static LabelValues labelValues(String query) {
    Matcher m = LABEL_VALUES.matcher(query);
    return m.matches() ? new LabelValues(m.group(1), m.group(2)) : null;
  }
}
