package io.cscmon.core.kpi;

import java.util.ArrayList;
import java.util.List;

/**
 * The KPIs of a scope derived from its {@link CallCounts}: the one place that says what each KPI
 * means. Ratios are 0..1, times in seconds (base units); a KPI with no denominator is left out
 * rather than reported as 0, so an idle queue does not look like a perfect or a failing one.
 */
public final class CallKpis {
  private CallKpis() {}

  public static final String OFFERED = "offered";
  public static final String SELF_SERVED = "self_served";
  public static final String CONTAINMENT = "containment_ratio";
  public static final String TO_AGENT = "to_agent";
  public static final String ANSWERED = "answered";
  public static final String ABANDONED = "abandoned";
  public static final String ABANDONMENT = "abandonment_ratio";
  public static final String SERVICE_LEVEL = "service_level";
  public static final String ASA = "asa_seconds";
  public static final String AHT = "aht_seconds";
  public static final String COMPLAINT_SHARE = "complaint_ratio";
  public static final String TRANSFER_SHARE = "transfer_ratio";

  /** Suffix of the KPIs over the rolling view (15 minutes by default). */
  public static final String ROLLING = "_15m";

  /**
   * The samples of one window.
   *
   * @param suffix appended to each KPI name ({@code ""} for the minute, {@link #ROLLING} for the
   *     rolling view)
   */
  public static List<KpiSample> samples(
      CallCounts c,
      String center,
      String dimension,
      String scope,
      long start,
      long end,
      String suffix) {
    List<KpiSample> out = new ArrayList<>(12);
    Adder add =
        (kpi, value, n) ->
            out.add(new KpiSample(kpi + suffix, center, dimension, scope, start, end, value, n));
    long offered = c.offered(dimension);
    add.add(OFFERED, offered, offered);
    long ivrExits = c.selfServed + c.ivrHangups + c.toAgent;
    if (ivrExits > 0) {
      add.add(SELF_SERVED, c.selfServed, ivrExits);
      add.add(CONTAINMENT, (double) c.selfServed / ivrExits, ivrExits);
      add.add(TO_AGENT, c.toAgent, ivrExits);
    }
    long decided = c.decided();
    // Queue outcomes are judged per queue and for the whole center; lines of queued calls may also
    // name a topic, but a topic's "service level" would double-count the queues' alerts.
    boolean queueOutcomes = "queue".equals(dimension) || CallFact.CENTER.equals(dimension);
    if (decided > 0 && queueOutcomes) {
      add.add(ANSWERED, c.answered, decided);
      add.add(ABANDONED, c.abandoned, decided);
      add.add(ABANDONMENT, (double) c.abandoned / decided, decided);
      add.add(SERVICE_LEVEL, (double) c.answeredWithinTarget / decided, decided);
    }
    if (c.answered > 0 && queueOutcomes) {
      add.add(ASA, c.waitMillisAnswered / 1000.0 / c.answered, c.answered);
    }
    if (c.ended > 0) {
      add.add(AHT, c.handleMillis / 1000.0 / c.ended, c.ended);
      add.add(COMPLAINT_SHARE, (double) c.complaints / c.ended, c.ended);
      add.add(TRANSFER_SHARE, (double) c.transfers / c.ended, c.ended);
    }
    return out;
  }

  private interface Adder {
    void add(String kpi, double value, long samples);
  }
}
