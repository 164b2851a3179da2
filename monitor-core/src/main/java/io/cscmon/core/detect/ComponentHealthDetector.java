package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.alert.Severity;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.rule.DetectorSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Heartbeat and down detection for one component at one center (issue 5, "Down"): key the operator
 * by {@code (center, component)} and keep a {@link ComponentHealthState}.
 *
 * <ul>
 *   <li>An instance is down from its first {@code up: false} sample, or when no sample has come for
 *       {@code missedIntervals} (3) of its intervals; a heartbeat loss starts at the first sample
 *       that did not come.
 *   <li>All instances down: {@code ComponentOutage} (incident {@code outage}), starting when the
 *       last one went down, escalating through {@link OutageLevels} as it lasts; some down: {@code
 *       ComponentDegraded} (incident {@code degradation}, level none, warning).
 *   <li>Recovery resolves at the event time of the sample that says up again; the resolved alert
 *       states the duration.
 * </ul>
 *
 * <p>Per event call {@link #onEvent}; register a timer at {@link #nextTimer} and call {@link
 * #onTimer} when it fires (event time from the watermark, or a processing-time fallback's own
 * clock, so a source that falls silent still raises the alarm). {@code onEvent} looks for missed
 * heartbeats only up to the event's time minus {@code latenessMs}, since samples of other instances
 * may still be on their way.
 */
public final class ComponentHealthDetector implements Serializable {

  public static final String OUTAGE_ALERT = "ComponentOutage";
  public static final String DEGRADED_ALERT = "ComponentDegraded";

  private final int missedIntervals;
  private final long latenessMs;
  private final OutageLevels levels;
  private final ComponentMap map;

  /**
   * The shipped thresholds ({@code alert-rules/rules/outages.yaml}: 3 missed intervals, 30 s
   * lateness after CONTRACT §1, the regulator's levels).
   */
  public ComponentHealthDetector(ComponentMap map) {
    this(DetectorSettings.defaults(), map);
  }

  /** The heartbeat and outage levels of {@code settings}. */
  public ComponentHealthDetector(DetectorSettings settings, ComponentMap map) {
    this(
        settings.heartbeat().missedIntervals(),
        settings.heartbeat().lateness().toMillis(),
        settings.outageLevels(),
        map);
  }

  public ComponentHealthDetector(
      int missedIntervals, long latenessMs, OutageLevels levels, ComponentMap map) {
    this.missedIntervals = missedIntervals;
    this.latenessMs = latenessMs;
    this.levels = levels;
    this.map = map;
  }

  public List<Alert> onEvent(ComponentHealthState s, HealthEvent e) {
    s.center = e.center();
    s.component = e.component();
    List<Alert> out = new ArrayList<>();
    // Heartbeats missed before this sample, as far as out-of-order data lets us see.
    evaluate(s, e.ts() - latenessMs, e.ts() - latenessMs, out);
    InstanceHealth i = s.instance(e.instance());
    boolean first = i.lastSeen == InstanceHealth.NONE;
    if (first || e.ts() > i.lastSeen) {
      if (e.up()) {
        i.downSince = InstanceHealth.NONE;
      } else if (first) {
        i.downSince = e.ts();
      } else if (i.lastUp) {
        // Silent past the deadline and then down: the outage began with the first missed sample.
        i.downSince = e.ts() >= i.deadline(missedIntervals) ? i.lastSeen + i.intervalMs : e.ts();
      }
      i.lastSeen = e.ts();
      i.lastUp = e.up();
      i.intervalMs = e.intervalMs() > 0 ? e.intervalMs() : HealthEvent.DEFAULT_INTERVAL_MS;
    }
    evaluate(s, e.ts(), e.ts() - latenessMs, out);
    return out;
  }

  public List<Alert> onTimer(ComponentHealthState s, long now) {
    List<Alert> out = new ArrayList<>();
    evaluate(s, now, now, out);
    return out;
  }

  /** When the state next changes without new samples: a heartbeat deadline or an escalation. */
  public long nextTimer(ComponentHealthState s) {
    long next = Long.MAX_VALUE;
    for (InstanceHealth i : s.instances) {
      long deadline = i.deadline(missedIntervals);
      if (i.lastUp && deadline > s.heartbeatsAt) {
        next = Math.min(next, deadline);
      }
    }
    if (ComponentHealthState.OUTAGE.equals(s.status)) {
      next =
          Math.min(
              next,
              levels.nextEscalation(s.since, s.evaluatedAt, 1, map.customerFacing(s.component)));
    }
    return next;
  }

  /**
   * Re-derives the component's status at {@code at}; heartbeats count as missed only up to {@code
   * heartbeatsAt}.
   */
  private void evaluate(ComponentHealthState s, long at, long heartbeatsAt, List<Alert> out) {
    if (s.instances.length == 0) {
      return;
    }
    long now = s.evaluatedAt == ComponentHealthState.NONE ? at : Math.max(at, s.evaluatedAt);
    s.evaluatedAt = now;
    long hb =
        s.heartbeatsAt == ComponentHealthState.NONE
            ? heartbeatsAt
            : Math.max(heartbeatsAt, s.heartbeatsAt);
    s.heartbeatsAt = hb;
    int down = 0;
    long lastDown = Long.MIN_VALUE;
    long firstDown = Long.MAX_VALUE;
    List<String> downNames = new ArrayList<>();
    for (InstanceHealth i : s.instances) {
      long d = i.downAt(hb, missedIntervals);
      if (d != InstanceHealth.NONE) {
        down++;
        lastDown = Math.max(lastDown, d);
        firstDown = Math.min(firstDown, d);
        downNames.add(i.instance);
      }
    }
    String status =
        down == 0
            ? ComponentHealthState.UP
            : down == s.instances.length
                ? ComponentHealthState.OUTAGE
                : ComponentHealthState.DEGRADED;
    if (!status.equals(s.status)) {
      long t;
      if (ComponentHealthState.OUTAGE.equals(status)) {
        t = lastDown; // the last instance went down
      } else if (ComponentHealthState.DEGRADED.equals(status)
          && ComponentHealthState.UP.equals(s.status)) {
        t = firstDown;
      } else {
        t = now; // recovery, full or partial, at the sample that said up
      }
      if (!ComponentHealthState.UP.equals(s.status)) {
        t = Math.max(t, s.since);
        out.add(builder(s).resolved(s.since, t));
      }
      s.status = status;
      s.since = ComponentHealthState.UP.equals(status) ? ComponentHealthState.NONE : t;
      s.level = null;
      s.detail = String.join(", ", downNames);
    }
    if (ComponentHealthState.OUTAGE.equals(status)) {
      EmergencyLevel level = levels.level(now - s.since, 1, map.customerFacing(s.component));
      if (s.level == null || level.moreSevereThan(EmergencyLevel.fromLabel(s.level))) {
        s.level = level.label();
        out.add(builder(s).firing(s.since));
      }
    } else if (ComponentHealthState.DEGRADED.equals(status) && s.level == null) {
      s.level = EmergencyLevel.NONE.label();
      out.add(builder(s).firing(s.since));
    }
  }

  private DetectAlert builder(ComponentHealthState s) {
    boolean outage = ComponentHealthState.OUTAGE.equals(s.status);
    int n = s.instances.length;
    DetectAlert a =
        DetectAlert.of(
                outage ? OUTAGE_ALERT : DEGRADED_ALERT,
                outage ? IncidentType.OUTAGE : IncidentType.DEGRADATION,
                s.center)
            .label(Labels.COMPONENT, s.component);
    if (outage) {
      EmergencyLevel level = EmergencyLevel.fromLabel(s.level);
      a.level(
              level,
              level == EmergencyLevel.NONE ? Severity.CRITICAL : DetectAlert.severityOf(level))
          .summary(
              "Component "
                  + s.component
                  + " is down at center "
                  + s.center
                  + " (level "
                  + s.level
                  + ")")
          .description(
              "All "
                  + n
                  + " instance(s) of "
                  + s.component
                  + " report down or have missed "
                  + missedIntervals
                  + " heartbeats. Emergency level by duration and scope: IV at 5 min, III at 30"
                  + " min, II at 3 h, I at 6 h (two or more centers: II at 30 min, I at 3 h).")
          .value(n)
          .threshold(n);
    } else {
      a.level(EmergencyLevel.NONE, Severity.WARNING)
          .summary(
              "Component "
                  + s.component
                  + " degraded at center "
                  + s.center
                  + ": "
                  + downCount(s)
                  + " of "
                  + n
                  + " instances down")
          .description(
              // Named as "instance 0": a bare "Instances down: 0" read as a count of none.
              (downCount(s) == 1 ? "Down: instance " : "Down: instances ")
                  + s.detail
                  + ". The others still serve; capacity is reduced and one more failure is an"
                  + " outage.")
          .value(downCount(s))
          .threshold(1);
    }
    return a;
  }

  private static int downCount(ComponentHealthState s) {
    return s.detail == null || s.detail.isEmpty() ? 0 : s.detail.split(", ").length;
  }
}
