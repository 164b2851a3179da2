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
 *   <li>A firing alert ends once the component has stayed better (up, or only some instances down)
 *       for the clear hold ({@code outage_recovery.clear_hold}, 3 min): a component that goes down
 *       again within it goes on as the same incident, its level growing with the whole duration (a
 *       flapping component was one short page per flap, never escalated). The resolved alert's
 *       {@code endsAt} is the sample that said up again, and it states the duration.
 * </ul>
 *
 * <p>Per event call {@link #onEvent}; register a timer at {@link #nextTimer} and call {@link
 * #onTimer} when it fires (event time from the watermark, or a processing-time fallback's own
 * clock, so a source that falls silent still raises the alarm), and {@link #onEnd} when a bounded
 * input ends. {@code onEvent} only takes the sample in: samples are judged in event-time order when
 * a timer says the data up to their time is complete, since older samples of any instance may still
 * be on their way ({@link #lateness()}, CONTRACT §1's 30 s); an operator may run a timer ahead of
 * the watermark only that far behind its newest event.
 */
public final class ComponentHealthDetector implements Serializable {

  public static final String OUTAGE_ALERT = "ComponentOutage";
  public static final String DEGRADED_ALERT = "ComponentDegraded";

  private final int missedIntervals;
  private final long latenessMs;
  private final long clearHoldMs;
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
        settings.outageRecovery().clearHold().toMillis(),
        settings.outageLevels(),
        map);
  }

  public ComponentHealthDetector(
      int missedIntervals,
      long latenessMs,
      long clearHoldMs,
      OutageLevels levels,
      ComponentMap map) {
    this.missedIntervals = missedIntervals;
    this.latenessMs = latenessMs;
    this.clearHoldMs = clearHoldMs;
    this.levels = levels;
    this.map = map;
  }

  /**
   * Takes a sample in: samples are judged in event-time order once the data up to their time is
   * complete, by the timer at the first waiting one ({@link #nextTimer}) when the watermark (or a
   * sample the lateness newer) reaches it. Judged on arrival, a sample that overtook two older ones
   * (events may arrive out of order by up to CONTRACT §1's 30 s) read as three missed heartbeats.
   * Every change is decided at a timer's time, so their times only grow.
   */
  public List<Alert> onEvent(ComponentHealthState s, HealthEvent e) {
    s.center = e.center();
    s.component = e.component();
    s.addPending(
        e.instance(),
        e.ts(),
        e.up(),
        e.intervalMs() > 0 ? e.intervalMs() : HealthEvent.DEFAULT_INTERVAL_MS);
    return List.of();
  }

  /** Called at {@code now}, up to which the data is complete (the watermark). */
  public List<Alert> onTimer(ComponentHealthState s, long now) {
    List<Alert> out = new ArrayList<>();
    advance(s, now, out);
    return out;
  }

  /**
   * The input ended: the samples still waiting are taken, up to the last one's time, and a recovery
   * the data shows ends its alert without waiting out the clear hold (no more data can come to say
   * it went down again).
   */
  public List<Alert> onEnd(ComponentHealthState s) {
    List<Alert> out = new ArrayList<>();
    int n = s.pendingCount();
    if (n > 0) {
      advance(s, s.pendingTs[n - 1], out);
    }
    if (s.recoveredAt != ComponentHealthState.NONE) {
      evaluate(s, s.evaluatedAt, s.heartbeatsAt, 0, out);
    }
    return out;
  }

  /** How long a sample waits for older ones still on their way. */
  public long lateness() {
    return latenessMs;
  }

  /**
   * The pending samples up to {@code until}, in event-time order, each after the heartbeats missed
   * before it; then the heartbeats missed up to {@code until}.
   */
  private void advance(ComponentHealthState s, long until, List<Alert> out) {
    while (s.pendingCount() > 0 && s.pendingTs[0] <= until) {
      long ts = s.pendingTs[0];
      InstanceHealth i = s.instance(s.pendingInstance[0]);
      boolean up = s.pendingUp[0];
      long intervalMs = s.pendingIntervalMs[0];
      s.removeFirstPending();
      evaluate(s, ts, ts, clearHoldMs, out);
      take(i, ts, up, intervalMs);
      evaluate(s, ts, ts, clearHoldMs, out);
    }
    evaluate(s, until, until, clearHoldMs, out);
  }

  /** The instance's state after its sample at {@code ts} (an older one than its newest: none). */
  private void take(InstanceHealth i, long ts, boolean up, long intervalMs) {
    boolean first = i.lastSeen == InstanceHealth.NONE;
    if (!first && ts <= i.lastSeen) {
      return;
    }
    if (up) {
      i.downSince = InstanceHealth.NONE;
    } else if (first) {
      i.downSince = ts;
    } else if (i.lastUp) {
      // Silent past the deadline and then down: the outage began with the first missed sample.
      i.downSince = ts >= i.deadline(missedIntervals) ? i.lastSeen + i.intervalMs : ts;
    }
    i.lastSeen = ts;
    i.lastUp = up;
    i.intervalMs = intervalMs;
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
    if (s.recoveredAt != ComponentHealthState.NONE) {
      next = Math.min(next, s.recoveredAt + clearHoldMs);
    } else if (ComponentHealthState.OUTAGE.equals(s.status)) {
      next =
          Math.min(
              next,
              levels.nextEscalation(s.since, s.evaluatedAt, 1, map.customerFacing(s.component)));
    }
    if (ComponentHealthState.DEGRADED.equals(s.status) && s.level == null) {
      next = Math.min(next, s.since + degradedHold(s));
    }
    // Waiting samples are taken by the next timer. While everything is up and stays so that is the
    // heartbeat deadline (a timer per deadline, not per sample: the lazy timer keeps it); a sample
    // that says down, an incident going on, or no other timer brings it to the first waiting one.
    if (s.pendingCount() > 0 && (next == Long.MAX_VALUE || !s.isQuiet() || s.pendingDown())) {
      next = Math.min(next, s.pendingTs[0]);
    }
    return next;
  }

  /**
   * Re-derives the component's status at {@code at}; heartbeats count as missed only up to {@code
   * heartbeatsAt}; a firing alert ends after the component has been better for {@code clearHold}.
   */
  private void evaluate(
      ComponentHealthState s, long at, long heartbeatsAt, long clearHold, List<Alert> out) {
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
    if (s.level != null && rank(status) < rank(s.status)) {
      // Better than what is firing: it ends once it has stayed so for the clear hold.
      if (s.recoveredAt == ComponentHealthState.NONE) {
        s.recoveredAt = now;
      }
      if (now < s.recoveredAt + clearHold) {
        return;
      }
    }
    long recoveredAt = s.recoveredAt;
    s.recoveredAt = ComponentHealthState.NONE; // over, or down again within the hold: goes on
    if (!status.equals(s.status)) {
      long t;
      if (ComponentHealthState.OUTAGE.equals(status)) {
        t = lastDown; // the last instance went down
      } else if (ComponentHealthState.DEGRADED.equals(status)
          && ComponentHealthState.UP.equals(s.status)) {
        t = firstDown;
      } else {
        // recovery, full or partial, at the sample that said up (held: the first such sample)
        t = recoveredAt != ComponentHealthState.NONE ? recoveredAt : now;
      }
      if (!ComponentHealthState.UP.equals(s.status) && s.level != null) {
        t = Math.max(t, s.since);
        out.add(builder(s).resolved(s.since, t));
      }
      if (ComponentHealthState.DEGRADED.equals(status)
          && recoveredAt != ComponentHealthState.NONE) {
        t = Math.max(t, firstDown); // degraded from when it was, after the outage it followed
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
    } else if (ComponentHealthState.DEGRADED.equals(status)
        && s.level == null
        && now >= s.since + degradedHold(s)) {
      s.level = EmergencyLevel.NONE.label();
      out.add(builder(s).firing(s.since));
    }
  }

  /** UP, DEGRADED, OUTAGE: 0, 1, 2. */
  private static int rank(String status) {
    return ComponentHealthState.OUTAGE.equals(status)
        ? 2
        : ComponentHealthState.DEGRADED.equals(status) ? 1 : 0;
  }

  /**
   * How long some instances must be down before it is ComponentDegraded: one reporting interval.
   * The instances' probes are not in step, so a whole component going down (or coming back) passes
   * through a few seconds of "some down"; paged, that bracketed every outage with a warning that
   * resolved a second later.
   */
  private static long degradedHold(ComponentHealthState s) {
    long hold = 0;
    for (InstanceHealth i : s.instances) {
      hold = Math.max(hold, i.intervalMs);
    }
    return hold > 0 ? hold : HealthEvent.DEFAULT_INTERVAL_MS;
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
      a.level(level, DetectAlert.severityOf(level, IncidentType.OUTAGE.label()))
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
