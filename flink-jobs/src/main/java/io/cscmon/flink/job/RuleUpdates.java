package io.cscmon.flink.job;

import io.cscmon.flink.operators.ThresholdAlerting;
import io.cscmon.flink.source.PullSource;
import io.cscmon.flink.source.RecordFeed;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The broadcast input of {@link ThresholdAlerting}: rule files to reload. */
final class RuleUpdates {
  private RuleUpdates() {}

  /**
   * The stream of rule reloads from {@code source}, or an empty one. Reloads are control messages
   * outside event time: the stream marks itself idle and never emits a watermark, so that it
   * neither holds back the event time of the KPIs it is connected with nor moves it. It used to
   * declare the end of time (Long.MAX_VALUE) instead, which the two-input operator took as its
   * watermark as soon as the KPI input went idle (a quiet minute of ingest): every expiry timer
   * then fired at once, at a time taken for the end of the data. Live, the empty stream never ends
   * either, since a source that finishes sends the end of time on its own.
   *
   * @param live whether the job runs on unbounded sources (then the empty stream is unbounded too)
   */
  static DataStream<Map<String, String>> stream(
      StreamExecutionEnvironment env, Source<Map<String, String>, ?, ?> source, boolean live) {
    Source<Map<String, String>, ?, ?> updates = source != null ? source : none(live);
    return env.fromSource(
            updates, WatermarkStrategy.forGenerator(ctx -> new OutsideEventTime<>()), "Rules")
        .uid("rule-updates")
        .setParallelism(1);
  }

  private static Source<Map<String, String>, ?, ?> none(boolean live) {
    RecordFeed.Factory<Map<String, String>> empty =
        () ->
            new RecordFeed<>() {
              @Override
              public Map<String, String> poll() {
                return null;
              }

              @Override
              public boolean finished() {
                return !live;
              }
            };
    return new PullSource<>(
        empty,
        live ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED,
        ThresholdAlerting.RULE_FILES_TYPE);
  }

  /** Idle from the first periodic emit on (Flink's auto-watermark interval), with no watermark. */
  static final class OutsideEventTime<T> implements WatermarkGenerator<T> {
    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.markIdle();
    }
  }
}
