package io.cscmon.flink.operators;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.kpi.CallFact;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Fans a call event out to the facts it contributes to each scope it counts in. */
public final class ToCallFacts implements FlatMapFunction<CallEvent, CallFact> {
  @Override
  public void flatMap(CallEvent call, Collector<CallFact> out) {
    for (CallFact fact : CallFact.of(call)) {
      out.collect(fact);
    }
  }
}
