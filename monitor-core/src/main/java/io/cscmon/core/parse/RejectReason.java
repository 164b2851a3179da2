package io.cscmon.core.parse;

/**
 * Why a line was rejected. The wire name is the {@code reason} of an ingest response and the {@code
 * reason} label of {@code cscmon_events_rejected_total}; it is a closed set so that the metric's
 * cardinality stays bounded.
 */
public enum RejectReason {
  /** The line is not valid JSON (or nests deeper, or holds longer strings, than allowed). */
  INVALID_JSON,
  /** The line is JSON but not an object. */
  NOT_AN_OBJECT,
  /** The line is not valid UTF-8. */
  INVALID_UTF8,
  /** The line is longer than the configured limit. */
  LINE_TOO_LONG,
  /** A required field is absent or null. */
  MISSING_FIELD,
  /** A field has the wrong JSON type. */
  WRONG_TYPE,
  /** The {@code type} is none of the contract's event types. */
  UNKNOWN_TYPE,
  /** An enumerated field (phase, state, result, ...) has a value outside its set. */
  UNKNOWN_VALUE,
  /** A number outside its range, a non-finite number, or an over-long string. */
  OUT_OF_RANGE,
  /** {@code ts} is neither RFC 3339 with an offset nor epoch milliseconds. */
  BAD_TIMESTAMP,
  /** {@code ts} is more than 7 days from the newest event seen, or otherwise implausible. */
  TIMESTAMP_OUT_OF_RANGE,
  /** The event arrived after the pipeline's watermark had passed it (later than the tolerance). */
  LATE,
  /**
   * The input could not be read past this line (a truncated or corrupt compressed file): what came
   * before it was read as usual. Last, so that the other reasons keep their ordinals on the wire.
   */
  UNREADABLE_INPUT,
  /**
   * The event jumps far ahead of its input's event time and the lines after it did not follow (a
   * sender's clock is wrong): judged after parsing, as {@link #LATE} is. After the others, which
   * keep their ordinals.
   */
  AHEAD;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
