package io.cscmon.core.rule;

import java.io.Serializable;
import java.util.List;

/**
 * A validated set of rules and the version that names it.
 *
 * @param version a digest of the rule files' names and contents: the same files give the same
 *     version, any change gives another; alerts carry it in their {@code rules_version} annotation
 * @param origin where the files came from (a directory, or the built-in defaults)
 */
public record RuleSet(String version, List<ThresholdRule> rules, String origin)
    implements Serializable {

  public RuleSet {
    rules = List.copyOf(rules);
  }
}
