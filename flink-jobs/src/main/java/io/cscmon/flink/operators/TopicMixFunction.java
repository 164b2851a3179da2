package io.cscmon.flink.operators;

import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.kpi.TopicMix;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Market and credit topic surges on a center's first day ({@link TopicMix}), keyed by center: the
 * center's minute counts and its topics' meet here. A minute is closed by an event-time timer at
 * its end, when the watermark says all of its counts have arrived, whatever order the window
 * subtasks sent them in: the same input gives the same samples.
 */
public final class TopicMixFunction extends KeyedProcessFunction<String, MinuteCounts, KpiSample> {

  private static final long MINUTE = 60_000L;

  private final ZoneId zone;
  private transient TopicMix mix;
  private transient ValueState<TopicMix.CenterState> state;

  public TopicMixFunction(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * The minute counts this needs: one-minute windows of the center and its market/credit topics.
   */
  public static boolean isInput(MinuteCounts m) {
    return m.end() - m.start() == MINUTE && TopicMix.watches(m.dimension(), m.scope());
  }

  @Override
  public void open(OpenContext openContext) {
    mix = new TopicMix(zone, CallKpiViews.MIN_LEARNED_MINUTES);
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "topic-mix", TypeInformation.of(TopicMix.CenterState.class)));
  }

  @Override
  public void processElement(MinuteCounts minute, Context ctx, Collector<KpiSample> out)
      throws Exception {
    TopicMix.CenterState s = state.value();
    if (s == null) {
      s = new TopicMix.CenterState();
    }
    mix.add(
        s,
        minute.dimension(),
        minute.scope(),
        minute.start(),
        minute.counts().offered(minute.dimension()));
    state.update(s);
    ctx.timerService().registerEventTimeTimer(minute.end() - 1);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiSample> out)
      throws Exception {
    TopicMix.CenterState s = state.value();
    long start = timestamp + 1 - MINUTE;
    for (TopicMix.Sample x : mix.close(s, start)) {
      out.collect(
          new KpiSample(
              CallKpiViews.baselineKpi("topic", x.topic()),
              ctx.getCurrentKey(),
              "topic",
              x.topic(),
              start,
              start + MINUTE,
              x.ratio(),
              Math.round(x.expected())));
    }
    state.update(s);
  }
}
