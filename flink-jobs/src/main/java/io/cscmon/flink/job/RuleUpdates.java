package io.cscmon.flink.job;

import io.cscmon.flink.operators.ThresholdAlerting;
import io.cscmon.flink.source.PullSource;
import io.cscmon.flink.source.RecordFeed;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
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
   * The stream of rule reloads from {@code source}, or an empty bounded one. Reloads are control
   * messages outside event time: the stream declares its event time at the end of time from the
   * start, so that it never holds back the event time of the KPIs it is connected with.
   */
  static DataStream<Map<String, String>> stream(
      StreamExecutionEnvironment env, Source<Map<String, String>, ?, ?> source) {
    Source<Map<String, String>, ?, ?> updates = source != null ? source : none();
    return env.fromSource(updates, WatermarkStrategy.forGenerator(ctx -> new EndOfTime()), "Rules")
        .uid("rule-updates")
        .setParallelism(1);
  }

  private static Source<Map<String, String>, ?, ?> none() {
    RecordFeed.Factory<Map<String, String>> empty =
        () ->
            new RecordFeed<>() {
              @Override
              public Map<String, String> poll() {
                return null;
              }

              @Override
              public boolean finished() {
                return true;
              }
            };
    return new PullSource<>(empty, Boundedness.BOUNDED, ThresholdAlerting.RULE_FILES_TYPE);
  }

  private static final class EndOfTime implements WatermarkGenerator<Map<String, String>> {
    @Override
    public void onEvent(Map<String, String> event, long timestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }
  }
}
