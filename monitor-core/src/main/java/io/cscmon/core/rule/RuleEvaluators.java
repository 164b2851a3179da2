package io.cscmon.core.rule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The evaluators of a rule set, found by the KPI their rules watch: a KPI sample meets only its own
 * rules (in rule order), not every rule of the set, which matters once there are hundreds.
 */
public final class RuleEvaluators {

  private final Map<String, List<RuleEvaluator>> byKpi;
  private final Map<String, RuleEvaluator> byName;

  public RuleEvaluators(List<ThresholdRule> rules) {
    List<RuleEvaluator> all = rules.stream().map(RuleEvaluator::new).toList();
    byKpi =
        all.stream()
            .collect(Collectors.groupingBy(e -> e.rule().kpi(), HashMap::new, Collectors.toList()));
    byName =
        all.stream()
            .collect(Collectors.toMap(e -> e.rule().alertname(), Function.identity(), (a, b) -> a));
  }

  /** The evaluators of the rules that watch {@code kpi}, in rule order; often none. */
  public List<RuleEvaluator> watching(String kpi) {
    return byKpi.getOrDefault(kpi, List.of());
  }

  /** The evaluator of the rule named {@code alertname}, unless the set has no such rule. */
  public Optional<RuleEvaluator> named(String alertname) {
    return Optional.ofNullable(byName.get(alertname));
  }
}
