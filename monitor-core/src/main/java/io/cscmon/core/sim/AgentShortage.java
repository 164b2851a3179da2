package io.cscmon.core.sim;

import io.cscmon.core.event.AgentState;
import java.time.Duration;

/**
 * A fraction of the scheduled agents stop taking calls (sickness wave, system log-outs, an
 * unplanned meeting). Agents who are idle leave at once, agents on a call leave when it ends; they
 * come back when the scenario ends. Staffing is not re-planned, so waits grow, the service level
 * drops and callers abandon.
 *
 * @param intensity fraction of the scheduled agents who are away, in (0, 1]
 * @param queue the affected queue, or {@code null} for all queues
 * @param awayState {@link AgentState#NOT_READY} or {@link AgentState#LOGGED_OUT}
 */
public record AgentShortage(
    Duration startOffset, Duration duration, double intensity, String queue, AgentState awayState)
    implements Scenario {

  public AgentShortage {
    Scenarios.checkWindow(startOffset, duration);
    if (!(intensity > 0 && intensity <= 1)) {
      throw new IllegalArgumentException("AgentShortage intensity must be in (0, 1]");
    }
    if (awayState != AgentState.NOT_READY && awayState != AgentState.LOGGED_OUT) {
      throw new IllegalArgumentException("awayState must be not_ready or logged_out");
    }
  }

  /** All queues, agents go {@code not_ready}. */
  public AgentShortage(Duration startOffset, Duration duration, double intensity) {
    this(startOffset, duration, intensity, null, AgentState.NOT_READY);
  }

  @Override
  public double agentsAwayFraction(String q, long elapsedMs) {
    return queue == null || queue.equals(q) ? intensity : 0.0;
  }

  @Override
  public ExpectedIncident expected() {
    return ExpectedIncident.of("service_level", "operational").scope("queue", queue);
  }
}
