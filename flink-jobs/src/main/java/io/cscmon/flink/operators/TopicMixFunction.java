package io.cscmon.flink.operators;

import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.kpi.TopicMix;
import io.cscmon.flink.serial.CompactTypes;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Market and credit topic surges and channel peaks on a center's first day ({@link TopicMix}),
 * keyed by center: the center's minute counts and its topics' and channels' meet here. A minute is
 * closed by an event-time timer at its end, when the watermark says all of its counts have arrived,
 * whatever order the window subtasks sent them in: the same input gives the same samples.
 *
 * <p>Counts wait in keyed state until their minute closes: one window subtask can run minutes of
 * event time ahead of the other, and a minute six or more ahead, added at once, took the ring cell
 * of the oldest minute the closing one's reference still needed (a replay of the same file paged
 * CreditTopicSurge in one run of six, an outside sweep).
 */
public final class TopicMixFunction extends KeyedProcessFunction<String, MinuteCounts, KpiSample> {

  private static final long MINUTE = 60_000L;

  private final ZoneId zone;
  private transient TopicMix mix;
  private transient ValueState<TopicMix.CenterState> state;
  private transient ListState<MinuteCounts> waiting;

  public TopicMixFunction(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * The minute counts this needs: one-minute windows of the center, its channels and its
   * market/credit topics.
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
    waiting =
        getRuntimeContext()
            .getListState(new ListStateDescriptor<>("waiting", CompactTypes.MINUTE_COUNTS));
  }

  @Override
  public void processElement(MinuteCounts minute, Context ctx, Collector<KpiSample> out)
      throws Exception {
    waiting.add(minute);
    ctx.timerService().registerEventTimeTimer(minute.end() - 1);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiSample> out)
      throws Exception {
    TopicMix.CenterState s = state.value();
    if (s == null) {
      s = new TopicMix.CenterState();
    }
    long start = timestamp + 1 - MINUTE;
    // The closing minute's counts go in now, and only they: later minutes' keep waiting.
    for (MinuteCounts m : WaitingForMinute.take(waiting, m -> m.start() <= start)) {
      mix.add(s, m.dimension(), m.scope(), m.start(), m.counts().offered(m.dimension()));
    }
    for (TopicMix.Sample x : mix.close(s, start)) {
      out.collect(
          new KpiSample(
              CallKpiViews.baselineKpi(x.dimension(), x.scope()),
              ctx.getCurrentKey(),
              x.dimension(),
              x.scope(),
              start,
              start + MINUTE,
              x.ratio(),
              Math.round(x.expected())));
    }
    state.update(s);
  }
}
