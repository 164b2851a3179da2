package io.cscmon.flink.operators;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.kpi.KpiSample;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/** Key selectors as named classes, so that Flink can extract their key types. */
public final class Keys {
  private Keys() {}

  /** (center, queue) of a call in a queue. */
  public static final class CenterAndQueue
      implements KeySelector<CallEvent, Tuple2<String, String>> {
    @Override
    public Tuple2<String, String> getKey(CallEvent call) {
      return Tuple2.of(call.center(), call.queue());
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
