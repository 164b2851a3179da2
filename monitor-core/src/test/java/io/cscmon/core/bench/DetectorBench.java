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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Each detector of issues 5 and 6 over the simulated events it reads, keyed and filtered as the
 * detection job keys and filters them, with its event-time timers fired as event time passes them
 * (as the job's watermark would). The score is the detector's input events per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DetectorBench {

  static final int EVENTS = 50_000;

  @Param({
    "component-health",
    "tdos",
    "traffic-loss",
    "ivr-bruteforce",
    "credential-stuffing",
    "ddos"
  })
  public String detector;

  private Event[] events;
  private Function<Event, Object> key;
  private Detector<Event, Object> logic;

  @Setup
  public void setUp() {
    ZoneId zone = SimulationConfig.DEFAULT_ZONE;
    switch (detector) {
      case "component-health" ->
          use(
              HealthEvent.class,
              e -> true,
              e -> e.center() + '|' + e.component(),
              Detectors.componentHealth(
                  DetectorSettings.defaults(), Detectors.defaultComponentMap()));
      case "tdos" ->
          use(
              CallEvent.class,
              c -> c.phase() != CallPhase.ARRIVED || "voice".equals(Detectors.channelOf(c)),
              CallEvent::center,
              Detectors.tdos(DetectorSettings.defaults(), zone));
      case "traffic-loss" ->
          use(
              CallEvent.class,
              c -> c.phase() == CallPhase.ARRIVED,
              c -> c.center() + '|' + Detectors.channelOf(c),
              Detectors.trafficLoss(DetectorSettings.defaults(), zone));
      case "ivr-bruteforce" ->
          use(
              AuthEvent.class,
              a -> "ivr".equals(a.channel()),
              AuthEvent::center,
              Detectors.ivrBruteForce(DetectorSettings.defaults()));
      case "credential-stuffing" ->
          use(
              AuthEvent.class,
              a -> !"ivr".equals(a.channel()),
              a -> a.center() + '|' + a.channel(),
              Detectors.credentialStuffing(DetectorSettings.defaults()));
      case "ddos" ->
          use(
              AccessEvent.class,
              a -> true,
              a -> a.center() + '|' + a.channel(),
              Detectors.ddos(DetectorSettings.defaults(), zone));
      default -> throw new IllegalArgumentException("unknown detector " + detector);
    }
  }

  @SuppressWarnings("unchecked")
  private <E extends Event, S> void use(
      Class<E> type, Predicate<E> filter, Function<E, Object> keyOf, Detector<E, S> d) {
    List<E> input = BenchData.of(type).stream().filter(filter).toList();
    events = BenchData.repeated(input, EVENTS).toArray(new Event[0]);
    key = e -> keyOf.apply((E) e);
    logic = (Detector<Event, Object>) (Detector<?, ?>) d;
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void detect(Blackhole out) {
    Map<Object, Object> states = new HashMap<>();
    Map<Object, Long> timers = new HashMap<>();
    long watermark = Long.MIN_VALUE;
    for (Event event : events) {
      if (event.ts() > watermark) {
        watermark = event.ts();
        fireDue(states, timers, watermark, out);
      }
      Object k = key.apply(event);
      Object state = states.get(k);
      if (state == null) {
        state = logic.newState(event);
        states.put(k, state);
      }
      out.consume(logic.onEvent(state, event));
      timers.put(k, logic.nextTimer(state));
    }
  }

  private void fireDue(
      Map<Object, Object> states, Map<Object, Long> timers, long watermark, Blackhole out) {
    for (Map.Entry<Object, Long> timer : timers.entrySet()) {
      while (timer.getValue() <= watermark) {
        Object state = states.get(timer.getKey());
        out.consume(logic.onTimer(state, timer.getValue()));
        long next = logic.nextTimer(state);
        timer.setValue(next > timer.getValue() ? next : Long.MAX_VALUE);
      }
    }
  }
}
