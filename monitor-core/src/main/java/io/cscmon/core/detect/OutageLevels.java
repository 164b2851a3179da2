package io.cscmon.core.detect;

import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.rule.DetectorSettings;
import java.io.Serializable;
import java.time.Duration;

/**
 * The emergency level of an outage by its duration and scope, from the rule files' {@code
 * detectors.outage_levels} ({@code alert-rules/rules/outages.yaml}). The shipped values follow the
 * grading the banking regulator applies to outages of important information systems (the CBIRC's
 * 银行业金融机构 信息科技突发事件 scheme as issue 5 sets it out): level IV is any customer-facing outage of 5 min
 * or more; III lasts 30 min at one center; II lasts 3 h, or 30 min at two or more centers; I lasts
 * 6 h, or 3 h at two or more centers. Shorter outages, and outages of components that serve no
 * customer, alert at level {@code none}.
 *
 * @param ivAfter any customer-facing outage at least this long is level IV
 * @param iiiAfter one center
 * @param iiAfter one center
 * @param iAfter one center
 * @param iiMultiAfter at two or more centers
 * @param iMultiAfter at two or more centers
 */
public record OutageLevels(
    Duration ivAfter,
    Duration iiiAfter,
    Duration iiAfter,
    Duration iAfter,
    Duration iiMultiAfter,
    Duration iMultiAfter)
    implements Serializable {

  /** The shipped levels. */
  public static OutageLevels defaults() {
    return DetectorSettings.defaults().outageLevels();
  }

  /** The level of an outage that has lasted {@code durationMs} at {@code centers} centers. */
  public EmergencyLevel level(long durationMs, int centers, boolean customerFacing) {
    if (!customerFacing || durationMs < ivAfter.toMillis()) {
      return EmergencyLevel.NONE;
    }
    boolean multi = centers >= 2;
    if (durationMs >= iAfter.toMillis() || (multi && durationMs >= iMultiAfter.toMillis())) {
      return EmergencyLevel.I;
    }
    if (durationMs >= iiAfter.toMillis() || (multi && durationMs >= iiMultiAfter.toMillis())) {
      return EmergencyLevel.II;
    }
    if (durationMs >= iiiAfter.toMillis()) {
      return EmergencyLevel.III;
    }
    return EmergencyLevel.IV;
  }

  /**
   * The event time after {@code since} at which the level next rises, or {@link Long#MAX_VALUE}:
   * where an operator sets its escalation timer.
   */
  public long nextEscalation(long since, long now, int centers, boolean customerFacing) {
    if (!customerFacing) {
      return Long.MAX_VALUE;
    }
    long best = Long.MAX_VALUE;
    Duration[] steps =
        centers >= 2
            ? new Duration[] {ivAfter, iiMultiAfter, iMultiAfter}
            : new Duration[] {ivAfter, iiiAfter, iiAfter, iAfter};
    for (Duration d : steps) {
      long at = since + d.toMillis();
      if (at > now && at < best) {
        best = at;
      }
    }
    return best;
  }
}
