package io.cscmon.core.rule;

import java.util.List;

/**
 * The rules cscmon runs when it is given none: the rule files of {@code alert-rules/rules/}, which
 * the build copies into the jar ({@link RuleTexts#DEFAULTS_RESOURCE}). Those files are the only
 * place their thresholds are written, each with a {@code source:} saying where its numbers come
 * from; change them there (or run with {@code --rules DIR}).
 */
public final class DefaultRules {
  private DefaultRules() {}

  public static final String RUNBOOK = RuleFiles.RUNBOOK;

  /** The KPI name of the per-queue 20-second service level. */
  public static final String SERVICE_LEVEL = Signals.SERVICE_LEVEL;

  private static volatile RuleSet loaded;

  /** The default rule set, parsed once per JVM. */
  public static RuleSet ruleSet() {
    RuleSet set = loaded;
    if (set == null) {
      set = RuleFiles.defaults();
      loaded = set;
    }
    return set;
  }

  public static List<ThresholdRule> all() {
    return ruleSet().rules();
  }

  /** The default rule named {@code alertname}. */
  public static ThresholdRule named(String alertname) {
    return all().stream()
        .filter(r -> r.alertname().equals(alertname))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no default rule " + alertname));
  }

  public static ThresholdRule serviceLevelBreach() {
    return named("ServiceLevelBreach");
  }
}
