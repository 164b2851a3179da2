package io.cscmon.flink.launcher;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The reference of issue 11's replay target: about the least a keyed event-time window job does —
 * numbers 0..n-1 as events one millisecond apart, keyed into 1,024 keys, counted per key in
 * one-minute tumbling windows, the counts discarded — on the same embedded cluster as the replay.
 */
final class TrivialWindowJob {
  private TrivialWindowJob() {}

  static final int KEYS = 1024;

  static void run(long events) throws Exception {
    StreamExecutionEnvironment env = FlinkEnvironments.embedded(0);
    env.getConfig().enableObjectReuse();
    env.fromSource(
            new NumberSequenceSource(0, events - 1),
            WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((n, ts) -> n),
            "Numbers")
        .uid("numbers")
        .keyBy(new ByKey())
        .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
        .aggregate(new Count())
        .uid("count-per-key")
        .name("Count per key and minute")
        .sinkTo(new DiscardingSink<>())
        .uid("discard")
        .name("Discard");
    env.execute("trivial keyed window");
  }

  static final class ByKey implements KeySelector<Long, Long> {
    @Override
    public Long getKey(Long n) {
      return n % KEYS;
    }
  }

  static final class Count implements AggregateFunction<Long, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Long value, Long count) {
      return count + 1;
    }

    @Override
    public Long getResult(Long count) {
      return count;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }
}
