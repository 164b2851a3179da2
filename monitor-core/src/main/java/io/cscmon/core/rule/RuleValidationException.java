package io.cscmon.core.rule;

import java.util.List;
import java.util.stream.Collectors;

/** Rule files that cannot run; {@link #problems()} names file, line and field of each mistake. */
public final class RuleValidationException extends RuntimeException {
  private final List<RuleProblem> problems;

  public RuleValidationException(List<RuleProblem> problems) {
    super(
        problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + " in the rule files:\n"
            + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<RuleProblem> problems() {
    return problems;
  }
}
