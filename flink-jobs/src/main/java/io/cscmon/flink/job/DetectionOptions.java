package io.cscmon.flink.job;

import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.rule.DefaultRules;
import io.cscmon.core.rule.ThresholdRule;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The knobs of the detection job.
 *
 * @param outOfOrderness how late an event may arrive and still count (CONTRACT §1: 30 s)
 * @param idleness after how long without events a source partition stops holding back event time
 * @param kpiWindow the tumbling window of the KPIs
 * @param targetAnswer the service level's answer-time target (20 s of 80/20)
 * @see #targetServiceLevel() the share of calls to answer within it (80% of 80/20)
 * @param staleAfter a series silent this long resolves its firing alerts
 * @param zone the time zone alert times are written in
 * @param ingestMetricsName the in-JVM ingest metrics to count parsed lines into, or null
 */
public record DetectionOptions(
    List<ThresholdRule> rules,
    Duration outOfOrderness,
    Duration idleness,
    Duration kpiWindow,
    Duration targetAnswer,
    Duration staleAfter,
    ZoneId zone,
    String ingestMetricsName)
    implements Serializable {

  public static DetectionOptions defaults() {
    return new DetectionOptions(
        DefaultRules.all(),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(1),
        Duration.ofSeconds(20),
        Duration.ofMinutes(15),
        AlertTime.DEFAULT_ZONE,
        null);
  }

  /**
   * The share of calls to answer within {@link #targetAnswer()}: the 80 of the industry's 80/20.
   */
  public double targetServiceLevel() {
    return 0.8;
  }

  public DetectionOptions withIngestMetrics(String name) {
    return new DetectionOptions(
        rules, outOfOrderness, idleness, kpiWindow, targetAnswer, staleAfter, zone, name);
  }

  public DetectionOptions withRules(List<ThresholdRule> newRules) {
    return new DetectionOptions(
        newRules,
        outOfOrderness,
        idleness,
        kpiWindow,
        targetAnswer,
        staleAfter,
        zone,
        ingestMetricsName);
  }
}
