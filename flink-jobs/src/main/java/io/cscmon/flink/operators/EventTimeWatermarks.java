package io.cscmon.flink.operators;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded-out-of-orderness watermarks driven by the data alone: the watermark is the largest event
 * time seen minus the tolerance, emitted from {@code onEvent} whenever it has advanced by at least
 * {@code granularity}. Flink's stock generator emits on a processing-time timer instead, so whether
 * a late event misses its window would depend on how fast the machine read the file; here it
 * depends only on the input, and a replay is repeatable even for events beyond the tolerance.
 */
public final class EventTimeWatermarks<T> implements WatermarkGenerator<T> {

  private final long toleranceMs;
  private final long granularityMs;
  private long maxTimestamp;
  private long emitted = Long.MIN_VALUE;

  public EventTimeWatermarks(Duration tolerance, Duration granularity) {
    this.toleranceMs = tolerance.toMillis();
    this.granularityMs = granularity.toMillis();
    this.maxTimestamp = Long.MIN_VALUE + toleranceMs + 1;
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
    long candidate = maxTimestamp - toleranceMs - 1;
    if (emitted == Long.MIN_VALUE || candidate - emitted >= granularityMs) {
      emitted = candidate;
      output.emitWatermark(new Watermark(candidate));
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    // Nothing: emitting here would make lateness depend on processing time.
  }
}
