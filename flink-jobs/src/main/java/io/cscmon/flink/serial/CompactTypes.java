package io.cscmon.flink.serial;

import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.flink.operators.MinuteCounts;
import io.cscmon.flink.source.RawLine;

/**
 * The types of the streams that cross network edges — the keyed ones, and the sources' lines where
 * they are unioned into the parse step — for the sources, the parse operator's outputs and the
 * operators' {@code returns}. Only streams: keyed state keeps {@code TypeInformation.of(...)}.
 */
public final class CompactTypes {
  private CompactTypes() {}

  public static final CompactTypeInfo<CallEvent> CALL_EVENT =
      new CompactTypeInfo<>(CallEvent.class, CallEventSerializer.INSTANCE);
  public static final CompactTypeInfo<HealthEvent> HEALTH_EVENT =
      new CompactTypeInfo<>(HealthEvent.class, HealthEventSerializer.INSTANCE);
  public static final CompactTypeInfo<AuthEvent> AUTH_EVENT =
      new CompactTypeInfo<>(AuthEvent.class, AuthEventSerializer.INSTANCE);
  public static final CompactTypeInfo<AccessEvent> ACCESS_EVENT =
      new CompactTypeInfo<>(AccessEvent.class, AccessEventSerializer.INSTANCE);
  public static final CompactTypeInfo<AgentEvent> AGENT_EVENT =
      new CompactTypeInfo<>(AgentEvent.class, AgentEventSerializer.INSTANCE);
  public static final CompactTypeInfo<KpiSample> KPI_SAMPLE =
      new CompactTypeInfo<>(KpiSample.class, KpiSampleSerializer.INSTANCE);

  /** The sources' lines. */
  public static final CompactTypeInfo<RawLine> RAW_LINE =
      new CompactTypeInfo<>(RawLine.class, RawLineSerializer.INSTANCE);

  public static final CompactTypeInfo<MinuteCounts> MINUTE_COUNTS =
      new CompactTypeInfo<>(MinuteCounts.class, MinuteCountsSerializer.INSTANCE);
}
