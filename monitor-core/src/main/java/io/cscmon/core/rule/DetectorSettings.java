package io.cscmon.core.rule;

import io.cscmon.core.detect.OutageLevels;
import java.io.Serializable;
import java.time.Duration;

/**
 * The thresholds of the built-in detectors (outages, traffic loss, budget burn, anomalies,
 * attacks), read from the {@code detectors:} sections of the rule files ({@link DetectorFiles});
 * the shipped {@code alert-rules/rules/outages.yaml} and {@code attacks.yaml} are their only copy
 * and say where each number comes from. The detectors' algorithms stay in {@code
 * io.cscmon.core.detect}; only their numbers live here. Records all the way down, so that two
 * settings compare equal exactly when every number does (a reload compares them).
 */
public record DetectorSettings(
    OutageLevels outageLevels,
    Heartbeat heartbeat,
    OutageRecovery outageRecovery,
    TrafficLoss trafficLoss,
    SloBurn sloBurn,
    HealthAnomaly healthAnomaly,
    AttackLevels attackLevels,
    Tdos tdos,
    IvrBruteForce ivrBruteForce,
    CredentialStuffing credentialStuffing,
    Ddos ddos)
    implements Serializable {

  /** The shipped defaults (the jar's copy of the rule files). */
  public static DetectorSettings defaults() {
    return DefaultRules.ruleSet().detectors();
  }

  /** An instance is down after this many missed health intervals, health lines this late count. */
  public record Heartbeat(int missedIntervals, Duration lateness) implements Serializable {}

  /**
   * A firing outage or degradation ends once its component has stayed better for {@code clearHold}:
   * a component that goes down again within it goes on as the same incident.
   */
  public record OutageRecovery(Duration clearHold) implements Serializable {}

  /** Arrivals below {@code ratio} of expected for {@code windowMinutes} minutes. */
  public record TrafficLoss(int windowMinutes, double ratio, double minExpected, Duration lateness)
      implements Serializable {}

  /** Multi-window burn-rate alerting: a page pair (critical) and a ticket pair (warning). */
  public record SloBurn(
      double errorObjective,
      double latencyObjective,
      Duration bucket,
      long minEvents,
      Duration pageLongWindow,
      Duration pageShortWindow,
      double pageFactor,
      Duration ticketLongWindow,
      Duration ticketShortWindow,
      double ticketFactor)
      implements Serializable {}

  /** One family of seasonal series: z above its median/MAD, confirmed and cleared in buckets. */
  public record Seasonal(
      double z, int confirmBuckets, int clearBuckets, double relativeFloor, double absoluteFloor)
      implements Serializable {}

  /** Resource series (latency, cpu, memory) alarm upwards; workload gauges both ways. */
  public record HealthAnomaly(Duration bucket, int maxSeries, Seasonal resource, Seasonal workload)
      implements Serializable {}

  /** An attack fires at IV and rises to III after {@code iiiAfter}. */
  public record AttackLevels(Duration iiiAfter) implements Serializable {}

  public record Tdos(
      Duration shortCall,
      Duration repeatWindow,
      long minRepeats,
      double floodFactor,
      long floodExcess,
      long floodWithoutBaseline,
      double minShortShare,
      Duration clearAfter)
      implements Serializable {}

  public record IvrBruteForce(
      Duration window,
      Duration clearAfter,
      long minAccountsPerAni,
      long minAnisPerAccount,
      double minFailureShare)
      implements Serializable {}

  public record CredentialStuffing(
      Duration window,
      Duration clearAfter,
      long minAccountsPerIp,
      long minAccountsPer24,
      long minAccountsPer16,
      double minFailureShare,
      double ratioFactor,
      double ratioMargin,
      long minFailures)
      implements Serializable {}

  public record Ddos(
      long heavyPerMinute,
      double factor,
      long minExcess,
      double perSourceFactor,
      double latencyFactor,
      Duration clearAfter)
      implements Serializable {}
}
