package io.cscmon.core.rule;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The parts of a rule set a running job cannot take without a restart: the detector settings and
 * the emergency plan, which the job's operators are built with. A reload whose files change them is
 * refused with one {@link RuleProblem} per changed group (file, line and field, and what to do)
 * rather than half applied or silently ignored; the alert rules reload as before.
 */
public final class RestartOnlyChanges {
  private RestartOnlyChanges() {}

  /**
   * What {@code next} (read from {@code texts}) changes of {@code running} that needs a restart.
   */
  public static List<RuleProblem> between(RuleSet running, RuleSet next, RuleTexts texts) {
    List<RuleProblem> problems = new ArrayList<>();
    RecordComponent[] parts = DetectorSettings.class.getRecordComponents();
    List<String> groups = List.copyOf(DetectorFiles.GROUPS.keySet());
    for (int i = 0; i < parts.length; i++) {
      Object was = value(parts[i], running.detectors());
      Object now = value(parts[i], next.detectors());
      if (!Objects.equals(was, now)) {
        problems.add(where(texts, "detectors", groups.get(i), "detectors." + groups.get(i)));
      }
    }
    if (!Objects.equals(running.emergency(), next.emergency())) {
      problems.add(where(texts, null, "emergency", "emergency"));
    }
    return problems;
  }

  private static Object value(RecordComponent part, DetectorSettings settings) {
    try {
      return part.getAccessor().invoke(settings);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isTopLevel(String line) {
    return !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.charAt(0) != '#';
  }

  private static RuleProblem where(RuleTexts texts, String section, String key, String field) {
    String message =
        "changed, but detector settings and the emergency plan are read when the job starts:"
            + " restart the service to apply them (nothing was reloaded; the running rules stay)";
    Pattern keyLine =
        Pattern.compile((section == null ? "" : "\\s+") + Pattern.quote(key) + "\\s*:.*");
    Pattern sectionLine =
        section == null ? null : Pattern.compile(Pattern.quote(section) + "\\s*:.*");
    for (Map.Entry<String, String> file : texts.files().entrySet()) {
      String[] lines = file.getValue().split("\n", -1);
      boolean inSection = section == null;
      for (int n = 0; n < lines.length; n++) {
        if (sectionLine != null && isTopLevel(lines[n])) {
          inSection = sectionLine.matcher(lines[n]).matches();
        } else if (inSection && keyLine.matcher(lines[n]).matches()) {
          return new RuleProblem(file.getKey(), n + 1, field, message);
        }
      }
    }
    // The files no longer define it: the built-in value differs from the running one.
    return new RuleProblem(texts.origin(), 0, field, message);
  }
}
