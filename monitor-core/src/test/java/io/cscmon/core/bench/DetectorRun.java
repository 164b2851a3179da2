package io.cscmon.core.bench;

import io.cscmon.core.detect.Detector;
import io.cscmon.core.detect.Detectors;
import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.Event;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.rule.DetectorSettings;
import io.cscmon.core.sim.SimulationConfig;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One detector of issues 5 and 6 over the simulated events it reads, keyed and filtered as the
 * detection job keys and filters them, with its event-time timers fired as event time passes them
 * (as the job's watermark would). Shared by {@link DetectorBench} (JMH) and {@link DetectorCpu}
 * (thread CPU); uses only the detectors' public API, so it measures an older jar too.
 */
final class DetectorRun {

  /** Every detector this runs, by the name {@link #of} takes. */
  static final List<String> NAMES =
      List.of(
          "component-health",
          "tdos",
          "traffic-loss",
          "ivr-bruteforce",
          "credential-stuffing",
          "ddos",
          "slo-burn",
          "health-anomaly");

  private final Event[] events;
  private final Function<Event, Object> key;
  private final Detector<Event, Object> logic;

  private <E extends Event, S> DetectorRun(
      Class<E> type, Predicate<E> filter, Function<E, Object> keyOf, Detector<E, S> d, int n) {
    List<E> input = BenchData.of(type).stream().filter(filter).toList();
    events = BenchData.repeated(input, n).toArray(new Event[0]);
    @SuppressWarnings("unchecked")
    Function<Event, Object> k = e -> keyOf.apply((E) e);
    key = k;
    @SuppressWarnings("unchecked")
    Detector<Event, Object> logic = (Detector<Event, Object>) (Detector<?, ?>) d;
    this.logic = logic;
  }

  /** {@code n} input events of the named detector. */
  static DetectorRun of(String detector, int n) {
    ZoneId zone = SimulationConfig.DEFAULT_ZONE;
    DetectorSettings settings = DetectorSettings.defaults();
    return switch (detector) {
      case "component-health" ->
          new DetectorRun(
              HealthEvent.class,
              e -> true,
              e -> e.center() + '|' + e.component(),
              Detectors.componentHealth(settings, Detectors.defaultComponentMap()),
              n);
      case "tdos" ->
          new DetectorRun(
              CallEvent.class,
              c -> c.phase() != CallPhase.ARRIVED || "voice".equals(Detectors.channelOf(c)),
              CallEvent::center,
              Detectors.tdos(settings, zone),
              n);
      case "traffic-loss" ->
          new DetectorRun(
              CallEvent.class,
              c -> c.phase() == CallPhase.ARRIVED,
              c -> c.center() + '|' + Detectors.channelOf(c),
              Detectors.trafficLoss(settings, zone),
              n);
      case "ivr-bruteforce" ->
          new DetectorRun(
              AuthEvent.class,
              a -> "ivr".equals(a.channel()),
              AuthEvent::center,
              Detectors.ivrBruteForce(settings),
              n);
      case "credential-stuffing" ->
          new DetectorRun(
              AuthEvent.class,
              a -> !"ivr".equals(a.channel()),
              a -> a.center() + '|' + a.channel(),
              Detectors.credentialStuffing(settings),
              n);
      case "ddos" ->
          new DetectorRun(
              AccessEvent.class,
              a -> true,
              a -> a.center() + '|' + a.channel(),
              Detectors.ddos(settings, zone),
              n);
      case "slo-burn" ->
          new DetectorRun(
              HealthEvent.class,
              e -> true,
              e -> e.center() + '|' + e.component(),
              Detectors.sloBurn(settings, Detectors.defaultComponentMap()),
              n);
      case "health-anomaly" ->
          new DetectorRun(
              HealthEvent.class,
              e -> true,
              e -> e.center() + '|' + e.component() + '|' + e.instance(),
              Detectors.healthAnomaly(settings, zone),
              n);
      default -> throw new IllegalArgumentException("unknown detector " + detector);
    };
  }

  /**
   * Runs every event through the detector, fresh state and timers; its alerts go to {@code out}.
   */
  void run(Consumer<Object> out) {
    drive(out);
  }

  /**
   * How the detector's next timer behaves over the events: how often it differs after an event from
   * what it was before (the job then deletes one event-time timer and registers another), how often
   * it moved later, and how many timers fired.
   */
  TimerMoves timerMoves() {
    return drive(alerts -> {});
  }

  /** What {@link #timerMoves} counts. */
  record TimerMoves(long events, long moved, long movedLater, long fired) {}

  /**
   * The event-time timer calls {@code DetectorFunction} makes over the events: eagerly, its one
   * timer follows the detector's next after every event (a delete and a register when it moved);
   * lazily, it moves only when it would fire late, and fires stale (the detector not run, one
   * register) when the next moved later in the meantime.
   */
  TimerCalls timerCalls(boolean lazy) {
    Map<Object, Object> states = new HashMap<>();
    Map<Object, Long> timers = new HashMap<>();
    long watermark = Long.MIN_VALUE;
    long[] calls = new long[4]; // registers, deletes, fired, stale
    for (Event event : events) {
      if (event.ts() > watermark) {
        watermark = event.ts();
        fireCalls(states, timers, watermark, lazy, calls);
      }
      Object k = key.apply(event);
      Object state = states.computeIfAbsent(k, x -> logic.newState(event));
      logic.onEvent(state, event);
      scheduleCalls(k, state, timers, lazy, calls);
    }
    return new TimerCalls(events.length, calls[0], calls[1], calls[2], calls[3]);
  }

  /** What {@link #timerCalls} counts; {@code fired} includes the {@code stale} firings. */
  record TimerCalls(long events, long registers, long deletes, long fired, long stale) {}

  private void scheduleCalls(
      Object k, Object state, Map<Object, Long> timers, boolean lazy, long[] calls) {
    long next = logic.nextTimer(state);
    Long pending = timers.get(k);
    if (pending != null && (next == Long.MAX_VALUE || (lazy ? pending > next : pending != next))) {
      calls[1]++;
      timers.remove(k);
      pending = null;
    }
    if (pending == null && next != Long.MAX_VALUE) {
      calls[0]++;
      timers.put(k, next);
    }
  }

  private void fireCalls(
      Map<Object, Object> states,
      Map<Object, Long> timers,
      long watermark,
      boolean lazy,
      long[] calls) {
    for (Object k : List.copyOf(timers.keySet())) {
      Long at;
      while ((at = timers.get(k)) != null && at <= watermark) {
        timers.remove(k);
        calls[2]++;
        Object state = states.get(k);
        long next = logic.nextTimer(state);
        if (at < next) {
          calls[3]++;
          if (next != Long.MAX_VALUE) {
            calls[0]++;
            timers.put(k, next);
          }
          continue;
        }
        logic.onTimer(state, at);
        scheduleCalls(k, state, timers, lazy, calls);
        Long again = timers.get(k);
        if (again != null && again <= at) {
          timers.remove(k); // as drive does: a detector that asks for no later time is not rerun
        }
      }
    }
  }

  /**
   * The one loop of {@link #run} and {@link #timerMoves}: events in order, timers as they fall due.
   */
  private TimerMoves drive(Consumer<Object> out) {
    Map<Object, Object> states = new HashMap<>();
    Map<Object, Long> timers = new HashMap<>();
    long watermark = Long.MIN_VALUE;
    long moved = 0;
    long later = 0;
    long fired = 0;
    for (Event event : events) {
      if (event.ts() > watermark) {
        watermark = event.ts();
        fired += fireDue(states, timers, watermark, out);
      }
      Object k = key.apply(event);
      Object state = states.get(k);
      if (state == null) {
        state = logic.newState(event);
        states.put(k, state);
      }
      out.accept(logic.onEvent(state, event));
      long next = logic.nextTimer(state);
      Long before = timers.put(k, next);
      if (before == null || before != next) {
        moved++;
        if (before != null && before != Long.MAX_VALUE && next > before) {
          later++;
        }
      }
    }
    return new TimerMoves(events.length, moved, later, fired);
  }

  /** Fires the timers the watermark passed; returns how many. */
  private long fireDue(
      Map<Object, Object> states, Map<Object, Long> timers, long watermark, Consumer<Object> out) {
    long fired = 0;
    for (Map.Entry<Object, Long> timer : timers.entrySet()) {
      while (timer.getValue() <= watermark) {
        Object state = states.get(timer.getKey());
        out.accept(logic.onTimer(state, timer.getValue()));
        fired++;
        long next = logic.nextTimer(state);
        timer.setValue(next > timer.getValue() ? next : Long.MAX_VALUE);
      }
    }
    return fired;
  }
}
