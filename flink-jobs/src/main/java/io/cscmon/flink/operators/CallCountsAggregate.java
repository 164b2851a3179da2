package io.cscmon.flink.operators;

import io.cscmon.core.kpi.CallCounts;
import io.cscmon.core.kpi.CallFact;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts a window's call facts of one scope. */
public final class CallCountsAggregate
    implements AggregateFunction<CallFact, CallCounts, CallCounts> {

  private final long targetAnswerMs;

  /**
   * @param targetAnswerMs the service level's answer-time target (20 s of 80/20)
   */
  public CallCountsAggregate(long targetAnswerMs) {
    this.targetAnswerMs = targetAnswerMs;
  }

  @Override
  public CallCounts createAccumulator() {
    return new CallCounts();
  }

  @Override
  public CallCounts add(CallFact fact, CallCounts counts) {
    counts.add(fact, targetAnswerMs);
    return counts;
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
