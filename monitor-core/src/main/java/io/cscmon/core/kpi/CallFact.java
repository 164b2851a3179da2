package io.cscmon.core.kpi;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallOutcome;
import io.cscmon.core.event.IvrOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * What one call event contributes to the KPIs of one scope. A call event names its channel and
 * topic on {@code arrived} and its queue from {@code queued} on, so one event counts for several
 * scopes: the whole center, and the channel, topic or queue it names.
 *
 * @param dimension {@link #CENTER}, {@code channel}, {@code topic} or {@code queue}
 * @param scope the value of the dimension ({@link #ALL} for the whole center)
 * @param kind what happened
 * @param millis wait (answered, abandoned) or handle time (ended); 0 otherwise
 */
public record CallFact(
    long ts, String center, String dimension, String scope, Kind kind, long millis) {

  /** The dimension of center-wide KPIs, and its one scope. */
  public static final String CENTER = "center";

  public static final String ALL = "all";

  /** What a call event means for the counts. */
  public enum Kind {
    ARRIVED,
    SELF_SERVED,
    IVR_HANGUP,
    TO_AGENT,
    QUEUED,
    ANSWERED,
    ABANDONED,
    ENDED,
    ENDED_COMPLAINT,
    ENDED_TRANSFERRED
  }

  /** The facts one call event contributes, for every scope it counts in. */
  public static List<CallFact> of(CallEvent call) {
    Kind kind = kind(call);
    long millis =
        switch (call.phase()) {
          case ANSWERED, ABANDONED -> call.waitMs() == null ? 0 : call.waitMs();
          case ENDED -> call.handleMs() == null ? 0 : call.handleMs();
          default -> 0;
        };
    List<CallFact> facts = new ArrayList<>(3);
    facts.add(new CallFact(call.ts(), call.center(), CENTER, ALL, kind, millis));
    if (call.channel() != null) {
      facts.add(new CallFact(call.ts(), call.center(), "channel", call.channel(), kind, millis));
    }
    if (call.topic() != null) {
      facts.add(new CallFact(call.ts(), call.center(), "topic", call.topic(), kind, millis));
    }
    if (call.queue() != null) {
      facts.add(new CallFact(call.ts(), call.center(), "queue", call.queue(), kind, millis));
    }
    return facts;
  }

  private static Kind kind(CallEvent call) {
    return switch (call.phase()) {
      case ARRIVED -> Kind.ARRIVED;
      case IVR_EXIT -> {
        IvrOutcome outcome = call.ivrOutcome();
        yield outcome == IvrOutcome.SELF_SERVED
            ? Kind.SELF_SERVED
            : outcome == IvrOutcome.HANGUP ? Kind.IVR_HANGUP : Kind.TO_AGENT;
      }
      case QUEUED -> Kind.QUEUED;
      case ANSWERED -> Kind.ANSWERED;
      case ABANDONED -> Kind.ABANDONED;
      case ENDED ->
          call.outcome() == CallOutcome.COMPLAINT
              ? Kind.ENDED_COMPLAINT
              : call.outcome() == CallOutcome.TRANSFERRED ? Kind.ENDED_TRANSFERRED : Kind.ENDED;
    };
  }

  /** The key of the series this fact belongs to. */
  public String seriesKey() {
    return center + '|' + dimension + '|' + scope;
  }
}
