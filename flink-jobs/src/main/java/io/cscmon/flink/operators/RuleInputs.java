package io.cscmon.flink.operators;

import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.rule.RuleSet;
import io.cscmon.core.rule.Signals;
import io.cscmon.core.rule.ThresholdRule;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.FilterFunction;

/**
 * Lets through the KPI samples a threshold rule could watch, before they are shuffled to {@link
 * ThresholdAlerting}: samples of a known signal at its scope ({@link Signals#watchable}), which is
 * all that any rule set that validates can watch, including those reloaded later or restored from
 * broadcast state. The job produces about ten times more samples than that (counts, handle times,
 * agents by state, each per minute and scope); a sample no rule watches would change nothing there,
 * and sending it would cost its serialization, its key and a few state look-ups.
 *
 * <p>An initial rule set built in code may name a KPI that is not a known signal; its samples pass
 * too, at any scope, as {@link io.cscmon.core.rule.RuleEvaluator#appliesTo} takes them.
 */
public final class RuleInputs implements FilterFunction<KpiSample> {

  private final Set<String> unknownSignals;

  public RuleInputs(RuleSet initial) {
    this.unknownSignals =
        initial.rules().stream()
            .map(ThresholdRule::kpi)
            .filter(kpi -> Signals.find(kpi).isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public boolean filter(KpiSample sample) {
    return Signals.watchable(sample.kpi(), sample.dimension())
        || (!unknownSignals.isEmpty() && unknownSignals.contains(sample.kpi()));
  }
}
