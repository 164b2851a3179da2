package io.cscmon.flink.operators;

import io.cscmon.core.kpi.CallFact;
import io.cscmon.core.kpi.KpiSample;
import org.apache.flink.api.java.functions.KeySelector;

/** Key selectors as named classes, so that Flink can extract their key types. */
public final class Keys {
  private Keys() {}

  /** The scope a call fact counts in. */
  public static final class FactSeries implements KeySelector<CallFact, String> {
    @Override
    public String getKey(CallFact fact) {
      return fact.seriesKey();
    }
  }

  /** The scope of a minute's counts. */
  public static final class MinuteSeries implements KeySelector<MinuteCounts, String> {
    @Override
    public String getKey(MinuteCounts minute) {
      return minute.seriesKey();
    }
  }

  /** The series a KPI sample belongs to. */
  public static final class Series implements KeySelector<KpiSample, String> {
    @Override
    public String getKey(KpiSample sample) {
      return sample.seriesKey();
    }
  }
}
