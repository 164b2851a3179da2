package io.cscmon.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.Event;
import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.ParseResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs a simulation for a span, parses every line with the production {@link EventParser} (failing
 * on any rejection) and computes contact-center KPIs from the parsed events only.
 */
final class SimRun {
  /** Thursday 2026-11-19 00:00 +08:00: a day whose weekly factor is exactly 1. */
  static final long THURSDAY = Instant.parse("2026-11-18T16:00:00Z").toEpochMilli();

  static final long HOUR = 3_600_000L;

  final List<Event> events = new ArrayList<>();
  final long start;

  private SimRun(long start) {
    this.start = start;
  }

  static SimRun run(SimulationConfig cfg, Duration span) {
    SimRun r = new SimRun(cfg.start());
    Simulator sim = new Simulator(cfg);
    EventParser parser = new EventParser();
    long end = cfg.start() + span.toMillis();
    long n = 0;
    while (sim.peekTime() < end) {
      String line = sim.nextLine();
      ParseResult res = parser.parse(line, ++n);
      if (!(res instanceof ParseResult.Parsed p)) {
        throw new AssertionError("line " + n + " does not parse: " + res + "\n" + line);
      }
      r.events.add(p.event());
    }
    return r;
  }

  /** Calls of a phase whose event time lies in [from, to) hours after the start. */
  List<CallEvent> calls(CallPhase phase, double fromHour, double toHour) {
    return calls(phase, fromHour, toHour, c -> true);
  }

  List<CallEvent> calls(CallPhase phase, double fromHour, double toHour, Predicate<CallEvent> p) {
    long from = start + (long) (fromHour * HOUR);
    long to = start + (long) (toHour * HOUR);
    List<CallEvent> out = new ArrayList<>();
    for (Event e : events) {
      if (e instanceof CallEvent c
          && c.phase() == phase
          && c.ts() >= from
          && c.ts() < to
          && p.test(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Service level over a window: contacts answered within {@code seconds} / (answered + abandoned),
   * counted by when they left the queue. Abandons count against it (the strict form).
   */
  double serviceLevel(double fromHour, double toHour, int seconds) {
    List<CallEvent> answered = calls(CallPhase.ANSWERED, fromHour, toHour);
    List<CallEvent> abandoned = calls(CallPhase.ABANDONED, fromHour, toHour);
    long fast = answered.stream().filter(c -> c.waitMs() <= seconds * 1000L).count();
    int offered = answered.size() + abandoned.size();
    assertThat(offered).as("contacts leaving the queue").isPositive();
    return fast / (double) offered;
  }

  /** Abandoned / (answered + abandoned) over a window. */
  double abandonRate(double fromHour, double toHour) {
    int answered = calls(CallPhase.ANSWERED, fromHour, toHour).size();
    int abandoned = calls(CallPhase.ABANDONED, fromHour, toHour).size();
    return abandoned / (double) (answered + abandoned);
  }
}
