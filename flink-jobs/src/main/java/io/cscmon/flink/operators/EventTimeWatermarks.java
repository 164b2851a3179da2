package io.cscmon.flink.operators;

import io.cscmon.core.parse.EventClock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded-out-of-orderness watermarks driven by the data alone ({@link EventClock}): emitted from
 * {@code onEvent} whenever the input's event time has advanced by a step. Flink's stock generator
 * emits on a processing-time timer instead, so whether a late event misses its window would depend
 * on how fast the machine read the file; here it depends only on the input. Given to the source,
 * Flink creates one per split (file, Kafka partition) and combines them as their minimum; {@link
 * ParseEvents} keeps a clock per input fed the same times, and decides lateness from it.
 */
public final class EventTimeWatermarks<T> implements WatermarkGenerator<T> {

  private final EventClock clock;

  public EventTimeWatermarks(Duration tolerance, Duration granularity) {
    this.clock = new EventClock(tolerance, granularity);
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    if (clock.advance(eventTimestamp)) {
      output.emitWatermark(new Watermark(clock.watermark()));
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    // Nothing: emitting here would make lateness depend on processing time.
  }
}
