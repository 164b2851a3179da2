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

  /** The key that identifies the series this sample belongs to. */
  public String seriesKey() {
    return kpi + '|' + center + '|' + dimension + '|' + scope;
  }
}
