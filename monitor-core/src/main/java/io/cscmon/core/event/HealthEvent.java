package io.cscmon.core.event;

/**
 * One health sample of a component instance ({@code type: health}). Optional numbers are {@code
 * null} when absent. The free-form {@code metrics} object is kept as two parallel arrays, which
 * Flink serializes natively (a {@code Map} would fall back to Kryo).
 */
public record HealthEvent(
    long ts,
    String center,
    String component,
    String instance,
    long intervalMs,
    boolean up,
    Double latencyP50Ms,
    Double latencyP99Ms,
    Long requests,
    Long errors,
    Double cpu,
    Double memory,
    String[] metricNames,
    double[] metricValues)
    implements Event {

  public static final String DEFAULT_INSTANCE = "0";
  public static final long DEFAULT_INTERVAL_MS = 10_000L;

  @Override
  public EventType type() {
    return EventType.HEALTH;
  }
}
