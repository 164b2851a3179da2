package io.cscmon.flink.operators;

import io.cscmon.core.kpi.AgentStateCounts;
import io.cscmon.core.kpi.KpiSample;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts a queue's agents by state (keyed by center and queue) and, at the end of every event-time
 * minute, reports them as KPI samples: agents logged in, staffed (available, busy or wrapping up),
 * available, busy, not ready, and occupancy. A queue nobody is logged in to keeps no state or
 * timer.
 */
public final class AgentCounts extends KeyedProcessFunction<String, AgentMove, KpiSample> {

  public static final String LOGGED_IN = "agents_logged_in";
  public static final String STAFFED = "agents_staffed";
  public static final String AVAILABLE = "agents_available";
  public static final String BUSY = "agents_busy";
  public static final String NOT_READY = "agents_not_ready";
  public static final String OCCUPANCY = "occupancy_ratio";

  private static final long MINUTE = 60_000L;

  private transient ValueState<AgentStateCounts> counts;
  private transient ValueState<Long> nextReport;

  @Override
  public void open(OpenContext openContext) {
    counts =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("counts", TypeInformation.of(AgentStateCounts.class)));
    nextReport =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("next-report", TypeInformation.of(Long.class)));
  }

  @Override
  public void processElement(AgentMove move, Context ctx, Collector<KpiSample> out)
      throws Exception {
    AgentStateCounts c = counts.value();
    if (c == null) {
      c = new AgentStateCounts();
    }
    c.move(move.from(), move.to());
    counts.update(c);
    if (nextReport.value() == null) {
      long next = Math.floorDiv(ctx.timestamp(), MINUTE) * MINUTE + MINUTE;
      ctx.timerService().registerEventTimeTimer(next);
      nextReport.update(next);
    }
  }

  @Override
  public void onTimer(long end, OnTimerContext ctx, Collector<KpiSample> out) throws Exception {
    AgentStateCounts c = counts.value();
    String[] key = ctx.getCurrentKey().split("\\|", 2);
    long start = end - MINUTE;
    long staffed = c.staffed();
    emit(out, LOGGED_IN, key, start, end, c.loggedIn(), staffed);
    emit(out, STAFFED, key, start, end, staffed, staffed);
    emit(out, AVAILABLE, key, start, end, c.available, staffed);
    emit(out, BUSY, key, start, end, c.busy + c.wrapUp, staffed);
    emit(out, NOT_READY, key, start, end, c.notReady, staffed);
    if (staffed > 0) {
      emit(out, OCCUPANCY, key, start, end, c.occupancy(), staffed);
    }
    if (c.isEmpty() || ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
      counts.clear();
      nextReport.clear();
    } else {
      ctx.timerService().registerEventTimeTimer(end + MINUTE);
      nextReport.update(end + MINUTE);
    }
  }

  private static void emit(
      Collector<KpiSample> out,
      String kpi,
      String[] centerAndQueue,
      long start,
      long end,
      double value,
      long samples) {
    out.collect(
        new KpiSample(
            kpi, centerAndQueue[0], "queue", centerAndQueue[1], start, end, value, samples));
  }
}
