package io.cscmon.core.rule;

import java.io.Serializable;
import java.util.List;

/**
 * A validated set of rules and the version that names it.
 *
 * @param version a digest of the alert-rule files' names and contents ({@link RuleTexts#version}):
 *     the same files give the same version, any change gives another; alerts carry it in their
 *     {@code rules_version} annotation
 * @param origin where the files came from (a directory, or the built-in defaults)
 * @param detectors the built-in detectors' thresholds ({@code detectors:} sections)
 * @param emergency the teams and deadlines of each emergency level ({@code emergency:} section)
 */
public record RuleSet(
    String version,
    List<ThresholdRule> rules,
    String origin,
    DetectorSettings detectors,
    EmergencyPlan emergency)
    implements Serializable {

  public RuleSet {
    rules = List.copyOf(rules);
  }
}
