package io.cscmon.flink.operators;

import io.cscmon.core.kpi.CallCounts;

/** The call counts of one scope over one one-minute event-time window. */
public record MinuteCounts(
    String center, String dimension, String scope, long start, long end, CallCounts counts) {

  public String seriesKey() {
    return center + '|' + dimension + '|' + scope;
  }
}
