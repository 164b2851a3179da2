package io.cscmon.core.rule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed reads of one rule file's YAML nodes that collect a {@link RuleProblem} (file, line, field)
 * for every mistake instead of stopping at the first: shared by the readers of the alert rules, the
 * detector settings and the emergency plan.
 */
class YamlFields {
  static final Pattern DURATION = Pattern.compile("([1-9][0-9]*)(s|m|h)");

  /** A rule's hold or clear hold: a duration, or none at all (0s: on the first reading). */
  static final Pattern HOLD = Pattern.compile("(0|[1-9][0-9]*)(s|m|h)");

  final String file;
  final List<RuleProblem> problems;

  YamlFields(String file, List<RuleProblem> problems) {
    this.file = file;
    this.problems = problems;
  }

  /** A mapping's entries by key, checking keys against {@code allowed} (null: any). */
  Map<String, NodeTuple> mapping(Node node, String path, Set<String> allowed) {
    if (!(node instanceof MappingNode m)) {
      problem(node, path.isEmpty() ? "(top level)" : path, "must be a mapping of fields");
      return null;
    }
    Map<String, NodeTuple> fields = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key =
          t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
      String kp = path.isEmpty() ? key : path + "." + key;
      if (allowed != null && !allowed.contains(key)) {
        problem(t.getKeyNode(), kp, "unknown field; expected one of " + sorted(allowed));
      } else if (fields.putIfAbsent(key, t) != null) {
        problem(t.getKeyNode(), kp, "appears twice");
      }
    }
    return fields;
  }

  String string(Map<String, NodeTuple> f, String key, String path) {
    NodeTuple t = f.get(key);
    if (t == null) {
      return null;
    }
    if (t.getValueNode() instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
      return s.getValue();
    }
    problem(t.getValueNode(), path + "." + key, "must be a string");
    return null;
  }

  /** A number; {@code requiredIn} is the mapping it must appear in, null when optional. */
  Double number(Map<String, NodeTuple> f, String key, String path, Node requiredIn) {
    NodeTuple t = f.get(key);
    if (t == null) {
      if (requiredIn != null) {
        problem(requiredIn, path + "." + key, "is required");
      }
      return null;
    }
    if (t.getValueNode() instanceof ScalarNode s
        && (s.getTag().equals(Tag.FLOAT) || s.getTag().equals(Tag.INT))) {
      try {
        double v = Double.parseDouble(s.getValue());
        if (Double.isFinite(v)) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problem(t.getValueNode(), path + "." + key, "must be a number");
    return null;
  }

  Duration duration(Map<String, NodeTuple> f, String key, String path) {
    return duration(f, key, path, DURATION, "must be a duration like 90s, 5m or 1h");
  }

  /** A rule's hold: a {@link #duration} or zero ({@code 0s}). */
  Duration hold(Map<String, NodeTuple> f, String key, String path) {
    return duration(f, key, path, HOLD, "must be a duration like 0s, 90s, 5m or 1h");
  }

  private Duration duration(
      Map<String, NodeTuple> f, String key, String path, Pattern form, String expected) {
    NodeTuple t = f.get(key);
    if (t == null) {
      return null;
    }
    String text = t.getValueNode() instanceof ScalarNode s ? s.getValue() : "";
    Matcher m = form.matcher(text);
    if (!m.matches()) {
      problem(t.getValueNode(), path + "." + key, expected);
      return null;
    }
    try {
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
          };
      d.toMillis(); // the rules count in milliseconds: a longer one overflows there
      return d;
    } catch (NumberFormatException | ArithmeticException e) {
      problem(t.getValueNode(), path + "." + key, "is too long: at most a few million years");
      return null;
    }
  }

  <E extends Enum<E>> E enumValue(
      Map<String, NodeTuple> f, String key, String path, Class<E> type) {
    String text = string(f, key, path);
    if (text == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String wire = e.name().toLowerCase(Locale.ROOT);
      names.add(wire);
      if (wire.equals(text)) {
        return e;
      }
    }
    problem(value(f, key), path + "." + key, "'" + text + "' is not one of " + names);
    return null;
  }

  Node value(Map<String, NodeTuple> f, String key) {
    return f.get(key).getValueNode();
  }

  void problem(Node node, String field, String message) {
    problems.add(new RuleProblem(file, line(node), field, message));
  }

  static int line(Node node) {
    if (node == null) {
      return 0;
    }
    return node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
  }

  static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
