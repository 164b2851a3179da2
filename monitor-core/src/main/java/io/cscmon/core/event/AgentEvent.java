package io.cscmon.core.event;

/**
 * An agent state change ({@code type: agent}).
 *
 * @param queues skill groups the agent serves; empty when the line named none
 */
public record AgentEvent(long ts, String center, String agentId, AgentState state, String[] queues)
    implements Event {

  @Override
  public EventType type() {
    return EventType.AGENT;
  }
}
