package io.cscmon.flink.operators;

import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AgentState;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Remembers each agent's state (keyed by center and agent) and turns every state change into moves
 * between states in each queue the agent serves. An agent who logs out leaves no state behind.
 */
public final class AgentStates extends KeyedProcessFunction<String, AgentEvent, AgentMove> {

  private transient ValueState<AgentEvent> last;

  @Override
  public void open(OpenContext openContext) {
    last =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("agent", TypeInformation.of(AgentEvent.class)));
  }

  @Override
  public void processElement(AgentEvent event, Context ctx, Collector<AgentMove> out)
      throws Exception {
    AgentEvent previous = last.value();
    List<String> oldQueues = previous == null ? List.of() : List.of(previous.queues());
    // An event that names no queues keeps the agent's skills as they were.
    List<String> newQueues = event.queues().length == 0 ? oldQueues : List.of(event.queues());
    Set<String> queues = new LinkedHashSet<>(oldQueues);
    queues.addAll(newQueues);
    AgentState to = event.state() == AgentState.LOGGED_OUT ? null : event.state();
    for (String queue : queues) {
      AgentState from = previous != null && oldQueues.contains(queue) ? previous.state() : null;
      AgentState now = newQueues.contains(queue) ? to : null;
      if (from != now) {
        out.collect(new AgentMove(event.center(), queue, from, now));
      }
    }
    if (to == null) {
      last.clear();
    } else {
      last.update(
          new AgentEvent(
              event.ts(),
              event.center(),
              event.agentId(),
              event.state(),
              newQueues.toArray(new String[0])));
    }
  }
}
