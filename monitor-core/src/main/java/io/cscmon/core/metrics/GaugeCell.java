package io.cscmon.core.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One registered gauge series and the value it reports: a double kept as bits in an {@link
 * AtomicLong}, so that a scrape reads it without a lock while the job's thread sets it. Starts at
 * NaN (no evidence yet). The registry holds the value strongly until {@link #remove}.
 */
final class GaugeCell {

  private final AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
  private final Gauge gauge;

  GaugeCell(MeterRegistry registry, String name, String help, String baseUnit, Tags tags) {
    this.gauge =
        Gauge.builder(name, bits, b -> Double.longBitsToDouble(b.get()))
            // Micrometer holds a gauge's object weakly by default: once the owner of this cell
            // was dropped (a job's metrics unregistered before the last scrape), a GC turned the
            // series into NaN. The cell's value lives as long as its series is registered.
            .strongReference(true)
            .description(help)
            .baseUnit(baseUnit)
            .tags(tags)
            .register(registry);
  }

  void set(double value) {
    bits.set(Double.doubleToLongBits(value));
  }

  double get() {
    return Double.longBitsToDouble(bits.get());
  }

  /** Takes the series off {@code /metrics} (a top source that left the top). */
  void remove(MeterRegistry registry) {
    registry.remove(gauge);
  }
}
