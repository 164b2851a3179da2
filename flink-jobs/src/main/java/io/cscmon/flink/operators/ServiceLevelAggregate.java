package io.cscmon.flink.operators;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.kpi.ServiceLevelCounts;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts a window's answered and abandoned calls into the counts behind its service level. */
public final class ServiceLevelAggregate
    implements AggregateFunction<CallEvent, ServiceLevelCounts, ServiceLevelCounts> {

  private final long targetAnswerMs;

  /**
   * @param targetAnswerMs the answer-time target, 20 s in the industry's 80/20
   */
  public ServiceLevelAggregate(long targetAnswerMs) {
    this.targetAnswerMs = targetAnswerMs;
  }

  @Override
  public ServiceLevelCounts createAccumulator() {
    return new ServiceLevelCounts();
  }

  @Override
  public ServiceLevelCounts add(CallEvent call, ServiceLevelCounts counts) {
    counts.add(call, targetAnswerMs);
    return counts;
  }

  @Override
  public ServiceLevelCounts getResult(ServiceLevelCounts counts) {
    return counts;
  }

  @Override
  public ServiceLevelCounts merge(ServiceLevelCounts a, ServiceLevelCounts b) {
    a.merge(b);
    return a;
  }
}
