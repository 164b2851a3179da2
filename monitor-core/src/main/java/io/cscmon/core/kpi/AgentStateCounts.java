package io.cscmon.core.kpi;

import io.cscmon.core.event.AgentState;

/**
 * How many agents of one queue are in each state right now. Agents serving several queues count in
 * each. Public fields for Flink's POJO serializer.
 */
public final class AgentStateCounts {
  public long available;
  public long busy;
  public long wrapUp;
  public long notReady;

  public AgentStateCounts() {}

  /** Moves one agent from {@code from} (null: was logged out) to {@code to}. */
  public void move(AgentState from, AgentState to) {
    adjust(from, -1);
    adjust(to, +1);
  }

  private void adjust(AgentState state, int delta) {
    if (state == null) {
      return;
    }
    switch (state) {
      case AVAILABLE -> available = Math.max(0, available + delta);
      case BUSY -> busy = Math.max(0, busy + delta);
      case WRAP_UP -> wrapUp = Math.max(0, wrapUp + delta);
      case NOT_READY -> notReady = Math.max(0, notReady + delta);
      case LOGGED_OUT -> {}
    }
  }

  public long loggedIn() {
    return available + busy + wrapUp + notReady;
  }

  /** Agents taking calls or ready to: the staffing that counts for Erlang C. */
  public long staffed() {
    return available + busy + wrapUp;
  }

  /** Share of staffed time spent on calls (talking or wrapping up); NaN with nobody staffed. */
  public double occupancy() {
    long staffed = staffed();
    return staffed == 0 ? Double.NaN : (double) (busy + wrapUp) / staffed;
  }

  public boolean isEmpty() {
    return loggedIn() == 0;
  }
}
