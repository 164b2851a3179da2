package io.cscmon.core.rule;

import io.cscmon.core.alert.EmergencyLevel;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * What the plan's emergency-activation process (紧急预案启动流程) asks at each level: the teams it calls
 * (PLAN 二、组织架构与职责分工) and the deadlines the level carries. Read from the {@code emergency:} section
 * of the rule files (shipped: {@code alert-rules/rules/emergency.yaml}); the {@link
 * EmergencyActivation} alert names them.
 *
 * @param steps one per level IV … I
 */
public record EmergencyPlan(Map<EmergencyLevel, Step> steps) implements Serializable {

  /** The teams called at a level and what they must deliver by when. */
  public record Step(String teams, String deadlines) implements Serializable {}

  public EmergencyPlan {
    steps = Map.copyOf(steps);
  }

  /** The shipped plan (the jar's copy of the rule files). */
  public static EmergencyPlan defaults() {
    return DefaultRules.ruleSet().emergency();
  }

  public String teams(EmergencyLevel level) {
    return level == EmergencyLevel.NONE ? "none" : steps.get(level).teams();
  }

  public String deadlines(EmergencyLevel level) {
    return level == EmergencyLevel.NONE ? "none" : steps.get(level).deadlines();
  }

  private static final Set<String> FIELDS = Set.of("levels", "source");
  private static final Set<String> LEVELS = Set.of("IV", "III", "II", "I");
  private static final Set<String> STEP_FIELDS = Set.of("teams", "deadlines", "source");

  /** Reads one file's {@code emergency:} node; null after a problem (each one reported). */
  static EmergencyPlan read(YamlFields y, Node node) {
    int before = y.problems.size();
    Map<String, NodeTuple> f = y.mapping(node, "emergency", FIELDS);
    if (f == null) {
      return null;
    }
    for (String required : FIELDS) {
      if (!f.containsKey(required)) {
        y.problem(node, "emergency." + required, "is required");
      }
    }
    String source = y.string(f, "source", "emergency");
    if (source != null && source.isBlank()) {
      y.problem(y.value(f, "source"), "emergency.source", "must say where the numbers come from");
    }
    Map<EmergencyLevel, Step> steps = new EnumMap<>(EmergencyLevel.class);
    if (f.containsKey("levels")) {
      Node levelsNode = y.value(f, "levels");
      Map<String, NodeTuple> levels = y.mapping(levelsNode, "emergency.levels", LEVELS);
      if (levels != null) {
        for (String label : LEVELS) {
          String path = "emergency.levels." + label;
          if (!levels.containsKey(label)) {
            y.problem(levelsNode, path, "is required: every level IV … I needs its teams");
            continue;
          }
          Node stepNode = levels.get(label).getValueNode();
          Map<String, NodeTuple> s = y.mapping(stepNode, path, STEP_FIELDS);
          if (s == null) {
            continue;
          }
          String teams = text(y, s, "teams", path, stepNode);
          String deadlines = text(y, s, "deadlines", path, stepNode);
          if (teams != null && deadlines != null) {
            steps.put(EmergencyLevel.fromLabel(label), new Step(teams, deadlines));
          }
        }
      }
    }
    return y.problems.size() > before ? null : new EmergencyPlan(steps);
  }

  private static String text(
      YamlFields y, Map<String, NodeTuple> s, String key, String path, Node in) {
    if (!s.containsKey(key)) {
      y.problem(in, path + "." + key, "is required");
      return null;
    }
    String v = y.string(s, key, path);
    if (v != null && v.isBlank()) {
      y.problem(y.value(s, key), path + "." + key, "must not be empty");
      return null;
    }
    return v;
  }
}
