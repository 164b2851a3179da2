package io.cscmon.flink.operators;

import io.cscmon.core.alert.Labels;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.kpi.ServiceLevelCounts;
import io.cscmon.core.rule.DefaultRules;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a window's service-level counts of one (center, queue) into a {@link KpiSample}. */
public final class ToServiceLevelSample
    extends ProcessWindowFunction<
        ServiceLevelCounts, KpiSample, Tuple2<String, String>, TimeWindow> {

  @Override
  public void process(
      Tuple2<String, String> centerAndQueue,
      Context context,
      Iterable<ServiceLevelCounts> counts,
      Collector<KpiSample> out) {
    ServiceLevelCounts c = counts.iterator().next();
    out.collect(
        new KpiSample(
            DefaultRules.SERVICE_LEVEL,
            centerAndQueue.f0,
            Labels.QUEUE,
            centerAndQueue.f1,
            context.window().getStart(),
            context.window().getEnd(),
            c.serviceLevel(),
            c.offered()));
  }
}
