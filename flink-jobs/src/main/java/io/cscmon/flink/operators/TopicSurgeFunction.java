package io.cscmon.flink.operators;

import io.cscmon.core.kpi.GeneralSurge;
import io.cscmon.core.kpi.GeneralSurge.TopicVolume;
import io.cscmon.core.kpi.KpiSample;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Market and credit topic surges against their seasonal baselines, beyond the center's general
 * surge ({@link GeneralSurge}), keyed by center: each topic's volume over the ratio's span comes
 * from its own key of {@link CallKpiViews} and they meet here. A minute is judged by an event-time
 * timer at its end, once the watermark says every topic's volume of it has arrived (the window that
 * counted them fired on that watermark), so the same input gives the same samples whichever subtask
 * sent what first. Volumes wait in keyed state until then.
 */
public final class TopicSurgeFunction extends KeyedProcessFunction<String, TopicVolume, KpiSample> {

  private transient ListState<TopicVolume> waiting;

  @Override
  public void open(OpenContext openContext) {
    waiting =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>("waiting", TypeInformation.of(TopicVolume.class)));
  }

  @Override
  public void processElement(TopicVolume volume, Context ctx, Collector<KpiSample> out)
      throws Exception {
    waiting.add(volume);
    ctx.timerService().registerEventTimeTimer(volume.end() - 1);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiSample> out)
      throws Exception {
    long end = timestamp + 1;
    List<TopicVolume> closing = WaitingForMinute.take(waiting, v -> v.end() == end);
    if (closing.isEmpty()) {
      return;
    }
    long start = closing.get(0).start();
    for (GeneralSurge.Sample s : GeneralSurge.judge(closing)) {
      out.collect(
          new KpiSample(
              CallKpiViews.baselineKpi(CallKpiViews.TOPIC, s.topic()),
              ctx.getCurrentKey(),
              CallKpiViews.TOPIC,
              s.topic(),
              start,
              end,
              s.ratio(),
              Math.round(s.expected())));
    }
  }
}
