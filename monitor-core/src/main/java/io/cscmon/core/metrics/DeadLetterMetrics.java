package io.cscmon.core.metrics;

import io.cscmon.core.ingest.RotatingLineFile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Rotations of the dead-letter files ({@code file} is the file's name, e.g. {@code
 * http-rejected.ndjson}): {@code cscmon_dead_letter_rotations_total} and the bytes of old dead
 * letters a rotation deleted, {@code cscmon_dead_letter_dropped_bytes_total}.
 */
public final class DeadLetterMetrics {

  private final MeterRegistry registry;

  public DeadLetterMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The listener that counts the rotations of {@code fileName}. */
  public RotatingLineFile.Listener of(String fileName) {
    Counter rotations =
        Counter.builder("cscmon.dead.letter.rotations")
            .description("Times a dead-letter file reached its size cap and was rotated to NAME.1")
            .tag("file", fileName)
            .register(registry);
    Counter dropped =
        Counter.builder("cscmon.dead.letter.dropped")
            .description("Bytes of the oldest rotated dead-letter file deleted by a rotation")
            .baseUnit("bytes")
            .tag("file", fileName)
            .register(registry);
    return droppedBytes -> {
      rotations.increment();
      dropped.increment(droppedBytes);
    };
  }
}
