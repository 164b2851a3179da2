package io.cscmon.core.bench;

import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.Event;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.ParseResult;
import io.cscmon.core.parse.TimestampGuard;
import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks' input: the simulator's default center (45k calls a day, its health, logins and
 * access traffic) from its default start, as lines and as parsed events, in event-time order.
 */
final class BenchData {
  private BenchData() {}

  /** Six hours from midnight into the morning peak: every event type, quiet and busy minutes. */
  static final Duration SPAN = Duration.ofHours(Long.getLong("cscmon.bench.hours", 6));

  private static List<String> lines;
  private static List<Event> events;

  static synchronized List<String> lines() {
    if (lines == null) {
      Simulator sim = new Simulator(SimulationConfig.builder().seed(7).build());
      long end = sim.config().start() + SPAN.toMillis();
      List<String> out = new ArrayList<>();
      while (sim.peekTime() < end) {
        out.add(sim.nextLine());
      }
      lines = List.copyOf(out);
    }
    return lines;
  }

  static synchronized List<Event> events() {
    if (events == null) {
      EventParser parser =
          new EventParser(new TimestampGuard(), EventParser.DEFAULT_MAX_LINE_CHARS);
      List<Event> out = new ArrayList<>();
      long n = 0;
      for (String line : lines()) {
        if (parser.parse(line, ++n) instanceof ParseResult.Parsed parsed) {
          out.add(parsed.event());
        }
      }
      events = List.copyOf(out);
    }
    return events;
  }

  /**
   * Exactly {@code n} events of one type: the simulated ones, repeated as often as needed, each
   * repetition shifted by the span so that event time keeps increasing.
   */
  static <E extends Event> List<E> repeated(Class<E> type, int n) {
    return repeated(of(type), n);
  }

  /** As {@link #repeated(Class, int)}, for some of the simulated events. */
  @SuppressWarnings("unchecked")
  static <E extends Event> List<E> repeated(List<E> base, int n) {
    if (base.isEmpty()) {
      throw new IllegalArgumentException("no events to repeat");
    }
    List<E> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long shift = (long) (i / base.size()) * SPAN.toMillis();
      out.add((E) shifted(base.get(i % base.size()), shift));
    }
    return out;
  }

  private static Event shifted(Event e, long by) {
    if (by == 0) {
      return e;
    }
    if (e instanceof CallEvent c) {
      return new CallEvent(
          c.ts() + by,
          c.center(),
          c.callId() + "+" + by,
          c.phase(),
          c.channel(),
          c.ani(),
          c.topic(),
          c.ivrOutcome(),
          c.queue(),
          c.waitMs(),
          c.agentId(),
          c.handleMs(),
          c.outcome());
    }
    if (e instanceof HealthEvent h) {
      return new HealthEvent(
          h.ts() + by,
          h.center(),
          h.component(),
          h.instance(),
          h.intervalMs(),
          h.up(),
          h.latencyP50Ms(),
          h.latencyP99Ms(),
          h.requests(),
          h.errors(),
          h.cpu(),
          h.memory(),
          h.metricNames(),
          h.metricValues());
    }
    if (e instanceof AuthEvent a) {
      return new AuthEvent(
          a.ts() + by, a.center(), a.channel(), a.source(), a.account(), a.success(), a.method());
    }
    if (e instanceof AccessEvent a) {
      return new AccessEvent(
          a.ts() + by,
          a.center(),
          a.channel(),
          a.source(),
          a.endpoint(),
          a.status(),
          a.latencyMs(),
          a.count());
    }
    AgentEvent a = (AgentEvent) e;
    return new AgentEvent(a.ts() + by, a.center(), a.agentId(), a.state(), a.queues());
  }

  /** The events of one type, in order. */
  static <E extends Event> List<E> of(Class<E> type) {
    return events().stream().filter(type::isInstance).map(type::cast).toList();
  }
}
