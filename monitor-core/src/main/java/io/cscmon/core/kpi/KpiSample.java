package io.cscmon.core.kpi;

/**
 * One value of a KPI over an event-time window, for one scope (e.g. the service level of queue
 * {@code retail} in center {@code sh} over 10:03–10:04). Rules evaluate streams of these.
 *
 * @param kpi the KPI's name, e.g. {@code service_level}
 * @param dimension the scope label the KPI is broken down by ({@code queue}, {@code topic}, ...)
 * @param scope the value of that label
 * @param windowStart inclusive start of the window, epoch ms event time
 * @param windowEnd exclusive end of the window, epoch ms event time
 * @param samples how many observations the value rests on (rules ignore too-thin evidence)
 */
public record KpiSample(
    String kpi,
    String center,
    String dimension,
    String scope,
    long windowStart,
    long windowEnd,
    double value,
    long samples) {

  /**
   * Whether this is an instant reading rather than a window: a window without length, at the event
   * time from which {@link #value} holds until the series' next sample (a step function, e.g.
   * {@link CallsWaitingNow}). Rules treat a series of them as contiguous: a step function has no
   * gaps.
   */
  public boolean isInstant() {
    return windowStart == windowEnd;
  }

  /** The key that identifies the series this sample belongs to. */
  public String seriesKey() {
    return kpi + '|' + center + '|' + dimension + '|' + scope;
  }
}
