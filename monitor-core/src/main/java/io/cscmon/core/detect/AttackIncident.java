package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One attack alert's life, shared by the attack detectors: fires at level IV on detection, III once
 * it has lasted {@code iiiAfterMs} (the rule files' {@code attack_levels.iii_after}, 15 min) or
 * hurts service, II when it causes an outage (issue 6); resolves {@code clearMs} after the last
 * detection, at that detection's time. The {@code source} label is the worst source when it fired
 * and stays, so that the fingerprint is stable; the top offenders annotation follows the attack.
 * POJO.
 */
public final class AttackIncident {
  public static final long NONE = Long.MIN_VALUE;

  public String center;
  public String channel;
  public String attackType;
  public String alertname;
  public String source;

  public long firingSince = NONE;
  public long lastDetected = NONE;
  public String level;
  public double value;
  public double threshold;
  public String summary;
  public String description;
  public String topOffenders;

  /** Set by the detector (latency) or the caller (alerts of the channel's components). */
  public boolean hurting;

  public boolean outage;

  public boolean isFiring() {
    return firingSince != NONE;
  }

  /**
   * The condition holds at {@code ts}: fires or escalates. {@code source} is used only when it
   * starts.
   */
  List<Alert> detected(
      long iiiAfterMs,
      long ts,
      String source,
      double value,
      double threshold,
      String summary,
      String description,
      String topOffenders) {
    List<Alert> out = new ArrayList<>();
    if (!isFiring()) {
      firingSince = ts;
      this.source = source;
      level = null;
    }
    lastDetected = Math.max(lastDetected, ts);
    this.value = value;
    this.threshold = threshold;
    // The summary follows the attack's worst source now; where that is no longer the source the
    // alert fired for (its label, kept for the fingerprint), it says so, or a page read "caller A
    // floods" under source=B.
    this.summary =
        Objects.equals(source, this.source)
            ? summary
            : summary + " (this alert's source " + this.source + " was the worst when it fired)";
    this.description = description;
    this.topOffenders = topOffenders;
    escalate(ts, iiiAfterMs, out);
    return out;
  }

  /** Names the incidents of one detector's state: where they happen and what they raise. */
  static void name(
      String center,
      String channel,
      String attackType,
      String alertname,
      AttackIncident... incidents) {
    for (AttackIncident i : incidents) {
      i.center = center;
      i.channel = channel;
      i.attackType = attackType;
      i.alertname = alertname;
    }
  }

  /** {@link #tick} of each of {@code incidents}, their state changes in that order into out. */
  static List<Alert> tickAll(
      List<Alert> out, long now, long clearMs, long iiiAfterMs, AttackIncident... incidents) {
    for (AttackIncident i : incidents) {
      out.addAll(i.tick(now, clearMs, iiiAfterMs));
    }
    return out;
  }

  /** The earliest of {@code other} and the {@link #nextTimer}s of {@code incidents}. */
  static long earliestTimer(
      long other, long clearMs, long iiiAfterMs, AttackIncident... incidents) {
    long t = other;
    for (AttackIncident i : incidents) {
      t = Math.min(t, i.nextTimer(clearMs, iiiAfterMs));
    }
    return t;
  }

  /** Time passes: escalates by duration, or resolves {@code clearMs} after the last detection. */
  List<Alert> tick(long now, long clearMs, long iiiAfterMs) {
    List<Alert> out = new ArrayList<>();
    if (!isFiring()) {
      return out;
    }
    if (now - lastDetected >= clearMs) {
      out.add(builder(iiiAfterMs).resolved(firingSince, Math.max(lastDetected, firingSince)));
      firingSince = NONE;
      lastDetected = NONE;
      level = null;
      hurting = false;
      outage = false;
      return out;
    }
    escalate(now, iiiAfterMs, out);
    return out;
  }

  /** When the level next rises by duration, or the incident may resolve. */
  long nextTimer(long clearMs, long iiiAfterMs) {
    if (!isFiring()) {
      return Long.MAX_VALUE;
    }
    long clear = lastDetected + clearMs;
    long iii = firingSince + iiiAfterMs;
    return EmergencyLevel.IV.label().equals(level) ? Math.min(clear, iii) : clear;
  }

  private void escalate(long now, long iiiAfterMs, List<Alert> out) {
    EmergencyLevel l =
        outage
            ? EmergencyLevel.II
            : hurting || now - firingSince >= iiiAfterMs ? EmergencyLevel.III : EmergencyLevel.IV;
    if (level == null || l.moreSevereThan(EmergencyLevel.fromLabel(level))) {
      level = l.label();
      out.add(builder(iiiAfterMs).firing(firingSince));
    }
  }

  private DetectAlert builder(long iiiAfterMs) {
    return DetectAlert.of(alertname, IncidentType.ATTACK, center)
        .label(Labels.ATTACK_TYPE, attackType)
        .label(Labels.CHANNEL, channel)
        .label(Labels.SOURCE, source)
        .level(EmergencyLevel.fromLabel(level))
        .summary(summary)
        .description(
            description
                + " Level IV on detection, III after "
                + iiiAfterMs / 60_000
                + " min or when it hurts service, II when it causes an outage.")
        .value(value)
        .threshold(threshold)
        .annotation(DetectAlert.TOP_OFFENDERS, topOffenders);
  }
}
