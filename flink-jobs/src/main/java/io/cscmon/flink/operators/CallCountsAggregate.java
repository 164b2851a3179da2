package io.cscmon.flink.operators;

import io.cscmon.core.kpi.CallCounts;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Adds up a window's partial call counts of one scope, one per subtask that saw calls of it ({@link
 * PreAggregateCallCounts}).
 */
public final class CallCountsAggregate
    implements AggregateFunction<MinuteCounts, CallCounts, CallCounts> {

  @Override
  public CallCounts createAccumulator() {
    return new CallCounts();
  }

  @Override
  public CallCounts add(MinuteCounts partial, CallCounts counts) {
    return counts.merge(partial.counts());
  }

  @Override
  public CallCounts getResult(CallCounts counts) {
    return counts;
  }

  @Override
  public CallCounts merge(CallCounts a, CallCounts b) {
    return a.merge(b);
  }
}
