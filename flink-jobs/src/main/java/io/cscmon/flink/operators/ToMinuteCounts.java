package io.cscmon.flink.operators;

import io.cscmon.core.kpi.CallCounts;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Attaches the scope and the window to a window's counts. */
public final class ToMinuteCounts
    extends ProcessWindowFunction<CallCounts, MinuteCounts, String, TimeWindow> {

  @Override
  public void process(
      String seriesKey, Context context, Iterable<CallCounts> counts, Collector<MinuteCounts> out) {
    String[] parts = seriesKey.split("\\|", 3);
    out.collect(
        new MinuteCounts(
            parts[0],
            parts[1],
            parts[2],
            context.window().getStart(),
            context.window().getEnd(),
            counts.iterator().next()));
  }
}
