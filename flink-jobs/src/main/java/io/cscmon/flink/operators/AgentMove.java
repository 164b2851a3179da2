package io.cscmon.flink.operators;

import io.cscmon.core.event.AgentState;

/**
 * One agent moving between states in one queue.
 *
 * @param from the state the agent left in this queue, or null when the agent was not in it
 * @param to the state the agent is now in, or null when the agent left the queue
 */
public record AgentMove(String center, String queue, AgentState from, AgentState to) {

  public String seriesKey() {
    return center + '|' + queue;
  }
}
