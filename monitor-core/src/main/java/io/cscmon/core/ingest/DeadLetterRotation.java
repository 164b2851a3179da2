package io.cscmon.core.ingest;

import java.io.Serializable;

/**
 * The cap of a dead-letter file: past {@code maxBytes} it is rotated to {@code NAME.1}, and {@code
 * keep} rotated files are kept ({@code NAME.1} … {@code NAME.keep}), the oldest deleted.
 */
public record DeadLetterRotation(long maxBytes, int keep) implements Serializable {

  public static final long DEFAULT_MAX_BYTES = 64L << 20;
  public static final int DEFAULT_KEEP = 3;

  public DeadLetterRotation {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("dead-letter max bytes must be positive, got " + maxBytes);
    }
    if (keep < 0) {
      throw new IllegalArgumentException("dead-letter kept files must be 0 or more, got " + keep);
    }
  }

  public static DeadLetterRotation defaults() {
    return new DeadLetterRotation(DEFAULT_MAX_BYTES, DEFAULT_KEEP);
  }
}
