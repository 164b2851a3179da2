package io.cscmon.core.manager;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher, as Alertmanager writes them: {@code name="value"}, {@code name!="value"},
 * {@code name=~"regex"}, {@code name!~"regex"}. Regular expressions are anchored at both ends. A
 * missing label has the value {@code ""}, so {@code team!="x"} matches an alert without a {@code
 * team} label and {@code team=""} matches only such alerts.
 */
public record Matcher(String name, Type type, String value) {

  public enum Type {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String operator;

    Type(String operator) {
      this.operator = operator;
    }

    public String operator() {
      return operator;
    }

    public boolean isRegex() {
      return this == REGEX || this == NOT_REGEX;
    }

    public boolean isEqual() {
      return this == EQUAL || this == REGEX;
    }

    public static Type of(boolean isRegex, boolean isEqual) {
      if (isRegex) {
        return isEqual ? REGEX : NOT_REGEX;
      }
      return isEqual ? EQUAL : NOT_EQUAL;
    }
  }

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern TEXT =
      Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

  public Matcher {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    if (name == null || !LABEL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a label name");
    }
    if (type.isRegex()) {
      compile(value);
    }
  }

  public static Matcher equal(String name, String value) {
    return new Matcher(name, Type.EQUAL, value);
  }

  public static Matcher regex(String name, String value) {
    return new Matcher(name, Type.REGEX, value);
  }

  /** Parses {@code name="value"} (quotes optional when the value has no spaces or commas). */
  public static Matcher parse(String text) {
    java.util.regex.Matcher m = TEXT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a matcher like name=\"value\"");
    }
    Type type =
        switch (m.group(2)) {
          case "=" -> Type.EQUAL;
          case "!=" -> Type.NOT_EQUAL;
          case "=~" -> Type.REGEX;
          default -> Type.NOT_REGEX;
        };
    return new Matcher(m.group(1), type, unquote(m.group(3), text));
  }

  public static List<Matcher> parseAll(List<String> texts) {
    return texts.stream().map(Matcher::parse).toList();
  }

  public boolean matches(Map<String, String> labels) {
    String actual = labels.getOrDefault(name, "");
    return switch (type) {
      case EQUAL -> actual.equals(value);
      case NOT_EQUAL -> !actual.equals(value);
      case REGEX -> pattern().matcher(actual).matches();
      case NOT_REGEX -> !pattern().matcher(actual).matches();
    };
  }

  /** Whether every matcher matches; an empty list matches everything. */
  public static boolean all(List<Matcher> matchers, Map<String, String> labels) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(name).append(type.operator());
    GroupKey.quote(out, value);
    return out.toString();
  }

  // Patterns are cached per value: matchers are evaluated for every alert on every flush.
  private static final java.util.concurrent.ConcurrentHashMap<String, Pattern> PATTERNS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Pattern pattern() {
    return compile(value);
  }

  private static Pattern compile(String regex) {
    try {
      return PATTERNS.computeIfAbsent(regex, Pattern::compile);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "bad regular expression '" + regex + "': " + e.getMessage());
    }
  }

  private static String unquote(String raw, String text) {
    if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
      StringBuilder out = new StringBuilder();
      for (int i = 1; i < raw.length() - 1; i++) {
        char c = raw.charAt(i);
        if (c == '\\' && i + 1 < raw.length() - 1) {
          char next = raw.charAt(++i);
          out.append(
              switch (next) {
                case 'n' -> '\n';
                case 't' -> '\t';
                default -> next;
              });
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
    if (raw.contains("\"")) {
      throw new IllegalArgumentException("'" + text + "' has an unbalanced quote");
    }
    return raw;
  }
}
