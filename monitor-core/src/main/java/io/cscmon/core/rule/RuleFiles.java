package io.cscmon.core.rule;

import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.RiskCategory;
import io.cscmon.core.alert.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads and validates rule files ({@code alert-rules/schema/rules.schema.json} describes their
 * form) into a {@link RuleSet}. Every mistake is collected, not just the first, and each names the
 * file, the line and the field. Beyond the schema it checks what a schema cannot: the signal is one
 * the job produces ({@link Signals}), the scope is that signal's, thresholds step the right way
 * from level IV to I, the clear threshold lies on the good side of them, alert names are unique
 * across files, templates use only known placeholders and the runbook link points at the alert's
 * section. A file may also hold the built-in detectors' thresholds ({@code detectors:}, read by
 * {@link DetectorFiles}) and the emergency plan ({@code emergency:}, {@link EmergencyPlan}); what a
 * directory leaves out of those is the built-in one.
 */
public final class RuleFiles {
  private RuleFiles() {}

  public static final String RUNBOOK = "alert-rules/runbook.md";

  private static final String SECTIONS = "'rules:', 'detectors:' or 'emergency:'";

  private static final Set<String> REQUIRED =
      Set.of(
          "name",
          "incident_type",
          "risk_category",
          "scope",
          "signal",
          "condition",
          "hold",
          "levels",
          "clear",
          "annotations",
          "source");

  /** The required fields and the optional ones. */
  private static final Set<String> RULE_FIELDS =
      Stream.concat(REQUIRED.stream(), Stream.of("min_samples", "poisson_z", "format"))
          .collect(Collectors.toUnmodifiableSet());

  private static final Set<String> LEVEL_FIELDS = Set.of("threshold", "severity", "source");
  private static final Set<String> CLEAR_FIELDS = Set.of("threshold", "hold");
  private static final Set<String> ANNOTATION_FIELDS =
      Set.of("summary", "description", "runbook_url", "plan_section");
  private static final Set<String> PLACEHOLDERS =
      Set.of("center", "scope", "value", "threshold", "level", "hold");
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

  /** The built-in rules (the jar's copy of {@code alert-rules/rules}), every section required. */
  public static RuleSet defaults() {
    return parse(RuleTexts.defaults(), null);
  }

  /**
   * Parses and validates; throws {@link RuleValidationException} naming every problem. Detector
   * groups and the emergency plan the files leave out are the built-in ones.
   */
  public static RuleSet parse(RuleTexts texts) {
    return parse(texts, DefaultRules::ruleSet);
  }

  private static RuleSet parse(RuleTexts texts, Supplier<RuleSet> fallback) {
    List<RuleProblem> problems = new ArrayList<>();
    List<ThresholdRule> rules = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    Map<String, DetectorFiles.Group> groups = new LinkedHashMap<>();
    List<Located<EmergencyPlan>> plans = new ArrayList<>();
    if (texts.files().isEmpty()) {
      problems.add(new RuleProblem(texts.origin(), 0, "", "no rule files (*.yaml, *.yml)"));
    }
    for (Map.Entry<String, String> file : texts.files().entrySet()) {
      FileReader reader = new FileReader(file.getKey(), problems, groups, plans);
      for (Parsed parsed : reader.read(file.getValue())) {
        String where = seen.putIfAbsent(parsed.rule.alertname(), parsed.file + ":" + parsed.line);
        if (where != null) {
          problems.add(
              new RuleProblem(
                  parsed.file,
                  parsed.line,
                  parsed.field + ".name",
                  "alert " + parsed.rule.alertname() + " is already defined at " + where));
        } else {
          rules.add(parsed.rule);
        }
      }
    }
    for (int i = 1; i < plans.size(); i++) {
      Located<EmergencyPlan> p = plans.get(i);
      problems.add(
          new RuleProblem(
              p.file(),
              p.line(),
              "emergency",
              "is already defined at " + plans.get(0).file() + ":" + plans.get(0).line()));
    }
    if (problems.isEmpty() && rules.isEmpty()) {
      problems.add(
          new RuleProblem(
              texts.origin(), 0, "rules", "no alert rules: at least one file needs 'rules:'"));
    }
    if (problems.isEmpty() && fallback == null && plans.isEmpty()) {
      problems.add(
          new RuleProblem(
              texts.origin(), 0, "emergency", "is required in the built-in rule files"));
    }
    if (!problems.isEmpty()) {
      throw new RuleValidationException(problems);
    }
    boolean complete = groups.size() == DetectorFiles.GROUPS.size() && !plans.isEmpty();
    RuleSet base = fallback == null || complete ? null : fallback.get();
    DetectorSettings detectors =
        DetectorFiles.build(
            groups, base == null ? null : base.detectors(), texts.origin(), problems);
    if (!problems.isEmpty()) {
      throw new RuleValidationException(problems);
    }
    EmergencyPlan emergency = plans.isEmpty() ? base.emergency() : plans.get(0).value();
    return new RuleSet(texts.version(), rules, texts.origin(), detectors, emergency);
  }

  /** A section read from a file, and where. */
  private record Located<T>(T value, String file, int line) {}

  private record Parsed(ThresholdRule rule, String file, int line, String field) {}

  /** Walks one file's YAML nodes, collecting problems with their marks. */
  private static final class FileReader extends YamlFields {
    private final Map<String, DetectorFiles.Group> groups;
    private final List<Located<EmergencyPlan>> plans;

    FileReader(
        String file,
        List<RuleProblem> problems,
        Map<String, DetectorFiles.Group> groups,
        List<Located<EmergencyPlan>> plans) {
      super(file, problems);
      this.groups = groups;
      this.plans = plans;
    }

    List<Parsed> read(String text) {
      Optional<Node> root;
      try {
        root = new Compose(LoadSettings.builder().setLabel(file).build()).composeString(text);
      } catch (MarkedYamlEngineException e) {
        int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
        problems.add(new RuleProblem(file, line, "", "not valid YAML: " + e.getProblem()));
        return List.of();
      } catch (YamlEngineException e) {
        problems.add(new RuleProblem(file, 0, "", "not valid YAML: " + e.getMessage()));
        return List.of();
      }
      if (root.isEmpty()) {
        problems.add(new RuleProblem(file, 0, "", "the file is empty; expected " + SECTIONS));
        return List.of();
      }
      Map<String, NodeTuple> top =
          mapping(root.get(), "", Set.of("rules", "detectors", "emergency"));
      if (top == null) {
        return List.of();
      }
      if (top.containsKey("detectors")) {
        DetectorFiles.read(this, top.get("detectors").getValueNode(), groups);
      }
      if (top.containsKey("emergency")) {
        Node node = top.get("emergency").getValueNode();
        EmergencyPlan plan = EmergencyPlan.read(this, node);
        if (plan != null) {
          plans.add(new Located<>(plan, file, line(node)));
        }
      }
      NodeTuple rulesEntry = top.get("rules");
      if (rulesEntry == null) {
        if (!top.containsKey("detectors") && !top.containsKey("emergency")) {
          problem(
              root.get(), "rules", "is required: a list of rules (or 'detectors:', 'emergency:')");
        }
        return List.of();
      }
      Node list = rulesEntry.getValueNode();
      if (!(list instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
        problem(list, "rules", "must be a non-empty list of rules");
        return List.of();
      }
      List<Parsed> parsed = new ArrayList<>();
      for (int i = 0; i < seq.getValue().size(); i++) {
        Node node = seq.getValue().get(i);
        String path = "rules[" + i + "]";
        int before = problems.size();
        ThresholdRule rule = rule(node, path);
        if (rule != null && problems.size() == before) {
          parsed.add(new Parsed(rule, file, line(node), path));
        }
      }
      return parsed;
    }

    private ThresholdRule rule(Node node, String path) {
      Map<String, NodeTuple> f = mapping(node, path, RULE_FIELDS);
      if (f == null) {
        return null;
      }
      for (String required : REQUIRED) {
        if (!f.containsKey(required)) {
          problem(node, path + "." + required, "is required");
        }
      }
      String name = string(f, "name", path);
      if (name != null && !NAME.matcher(name).matches()) {
        problem(value(f, "name"), path + ".name", "must be CamelCase, e.g. ServiceLevelBreach");
      }
      IncidentType incident = enumValue(f, "incident_type", path, IncidentType.class);
      RiskCategory risk = enumValue(f, "risk_category", path, RiskCategory.class);
      String signalName = string(f, "signal", path);
      Signals.Signal signal = null;
      if (signalName != null) {
        signal = Signals.find(signalName).orElse(null);
        if (signal == null) {
          problem(
              value(f, "signal"),
              path + ".signal",
              "unknown signal '"
                  + signalName
                  + "'; the job produces: "
                  + Signals.all().stream().map(Signals.Signal::name).toList());
        }
      }
      String scope = string(f, "scope", path);
      if (scope != null && signal != null && !scope.equals(signal.scopeLabel())) {
        problem(
            value(f, "scope"),
            path + ".scope",
            "signal " + signal.name() + " is broken down by '" + signal.scopeLabel() + "'");
      }
      Comparison comparison = enumValue(f, "condition", path, Comparison.class);
      Duration hold = hold(f, "hold", path);
      List<LevelThreshold> levels = levels(f.get("levels"), path + ".levels");

      Double clearAt = null;
      Duration clearHold = null;
      NodeTuple clear = f.get("clear");
      if (clear != null) {
        Map<String, NodeTuple> c = mapping(clear.getValueNode(), path + ".clear", CLEAR_FIELDS);
        if (c != null) {
          clearAt = number(c, "threshold", path + ".clear", clear.getValueNode());
          clearHold = hold(c, "hold", path + ".clear");
          if (!c.containsKey("hold")) {
            problem(clear.getValueNode(), path + ".clear.hold", "is required");
          }
        }
      }
      Double minSamples = number(f, "min_samples", path, null);
      long samples = 1;
      if (minSamples != null) {
        if (minSamples < 1 || minSamples != Math.rint(minSamples)) {
          problem(value(f, "min_samples"), path + ".min_samples", "must be a whole number ≥ 1");
        } else {
          samples = minSamples.longValue();
        }
      }
      Double z = number(f, "poisson_z", path, null);
      double poissonZ = 0;
      if (z != null) {
        if (z < 0) {
          problem(value(f, "poisson_z"), path + ".poisson_z", "must be a number ≥ 0");
        } else {
          poissonZ = z;
        }
      }
      ValueFormat format = signal == null ? ValueFormat.NUMBER : signal.format();
      if (f.containsKey("format")) {
        ValueFormat given = enumValue(f, "format", path, ValueFormat.class);
        format = given == null ? format : given;
      }
      String source = string(f, "source", path);
      if (source != null && source.isBlank()) {
        problem(value(f, "source"), path + ".source", "must say where the numbers come from");
      }

      String summary = null;
      String description = null;
      String runbook = null;
      String planSection = null;
      NodeTuple ann = f.get("annotations");
      if (ann != null) {
        String ap = path + ".annotations";
        Map<String, NodeTuple> a = mapping(ann.getValueNode(), ap, ANNOTATION_FIELDS);
        if (a != null) {
          for (String required : ANNOTATION_FIELDS) {
            if (!a.containsKey(required)) {
              problem(ann.getValueNode(), ap + "." + required, "is required");
            }
          }
          summary = template(a, "summary", ap);
          description = template(a, "description", ap);
          planSection = string(a, "plan_section", ap);
          runbook = string(a, "runbook_url", ap);
          if (runbook != null && name != null) {
            String expected = RUNBOOK + "#" + name.toLowerCase(Locale.ROOT);
            if (!runbook.equals(expected)) {
              problem(value(a, "runbook_url"), ap + ".runbook_url", "must be " + expected);
            }
          }
        }
      }

      if (comparison != null && levels != null) {
        checkOrder(comparison, levels, f.get("levels").getValueNode(), path + ".levels");
        if (clearAt != null) {
          LevelThreshold least = levels.get(levels.size() - 1);
          if (comparison.breaches(clearAt, least.threshold())) {
            problem(
                clear.getValueNode(),
                path + ".clear.threshold",
                "breaches level "
                    + least.level().label()
                    + "'s threshold "
                    + ValueFormat.machine(least.threshold())
                    + "; it must lie on the good side of it (hysteresis)");
          }
        }
      }
      if (name == null
          || incident == null
          || risk == null
          || signal == null
          || comparison == null
          || hold == null
          || levels == null
          || clearAt == null
          || clearHold == null
          || summary == null
          || description == null
          || planSection == null
          || runbook == null) {
        return null;
      }
      return new ThresholdRule(
          name,
          incident,
          risk,
          signal.kpi(),
          signal.scopeLabel(),
          comparison,
          levels,
          hold,
          clearAt,
          clearHold,
          samples,
          poissonZ,
          format,
          summary,
          description,
          planSection,
          runbook);
    }

    private String template(Map<String, NodeTuple> f, String key, String path) {
      String text = string(f, key, path);
      if (text == null) {
        return null;
      }
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        if (!PLACEHOLDERS.contains(m.group(1))) {
          problem(
              value(f, key),
              path + "." + key,
              "unknown placeholder {" + m.group(1) + "}; known: " + sorted(PLACEHOLDERS));
          return null;
        }
      }
      return text;
    }

    /** Levels, most severe first (ThresholdRule's order); null after a problem. */
    private List<LevelThreshold> levels(NodeTuple entry, String path) {
      if (entry == null) {
        return null;
      }
      Map<String, NodeTuple> l = mapping(entry.getValueNode(), path, null);
      if (l == null) {
        return null;
      }
      if (l.isEmpty()) {
        problem(entry.getValueNode(), path, "needs at least one of IV, III, II, I");
        return null;
      }
      List<LevelThreshold> levels = new ArrayList<>();
      boolean ok = true;
      for (Map.Entry<String, NodeTuple> e : l.entrySet()) {
        String lp = path + "." + e.getKey();
        EmergencyLevel level = null;
        try {
          level = EmergencyLevel.fromLabel(e.getKey());
        } catch (IllegalArgumentException ex) {
          // handled below
        }
        if (level == null || level == EmergencyLevel.NONE) {
          problem(e.getValue().getKeyNode(), lp, "is not an emergency level: IV, III, II or I");
          ok = false;
          continue;
        }
        Map<String, NodeTuple> t = mapping(e.getValue().getValueNode(), lp, LEVEL_FIELDS);
        if (t == null) {
          ok = false;
          continue;
        }
        Double threshold = number(t, "threshold", lp, e.getValue().getValueNode());
        Severity severity = enumValue(t, "severity", lp, Severity.class);
        if (!t.containsKey("severity")) {
          problem(e.getValue().getValueNode(), lp + ".severity", "is required");
        }
        if (threshold == null || severity == null) {
          ok = false;
          continue;
        }
        levels.add(new LevelThreshold(level, threshold, severity));
      }
      if (!ok) {
        return null;
      }
      levels.sort((a, b) -> b.level().compareTo(a.level()));
      return levels;
    }

    private void checkOrder(
        Comparison comparison, List<LevelThreshold> levels, Node node, String path) {
      // levels: most severe first. A more severe level must sit further on the bad side.
      for (int i = 0; i + 1 < levels.size(); i++) {
        LevelThreshold severe = levels.get(i);
        LevelThreshold milder = levels.get(i + 1);
        if (!comparison.breaches(severe.threshold(), milder.threshold())) {
          problem(
              node,
              path + "." + severe.level().label() + ".threshold",
              "level "
                  + severe.level().label()
                  + " ("
                  + ValueFormat.machine(severe.threshold())
                  + ") must be "
                  + (comparison == Comparison.BELOW ? "below" : "above")
                  + " level "
                  + milder.level().label()
                  + " ("
                  + ValueFormat.machine(milder.threshold())
                  + ")");
        }
      }
    }
  }
}
