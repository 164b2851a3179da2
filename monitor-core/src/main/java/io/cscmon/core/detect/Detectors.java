package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.rule.DetectorSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The detectors of issues 5 and 6 as {@link Detector}s, with the thresholds of the rule files'
 * {@code detectors:} sections (without {@link DetectorSettings}: the shipped ones).
 */
public final class Detectors {
  private Detectors() {}

  /** The component map the build copies from {@code alert-rules/components.yaml}. */
  public static ComponentMap defaultComponentMap() {
    try (InputStream in =
        Detectors.class.getResourceAsStream("/io/cscmon/components/components.yaml")) {
      if (in == null) {
        throw new IllegalStateException("components.yaml is missing from the jar");
      }
      return ComponentMap.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "alert-rules/components.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long zoneOffsetMs(ZoneId zone) {
    return zone.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds() * 1000L;
  }

  /** Per (center, component): outage and degradation, by duration and scope. */
  public static Detector<HealthEvent, ComponentHealthState> componentHealth(
      DetectorSettings settings, ComponentMap map) {
    ComponentHealthDetector d = new ComponentHealthDetector(settings, map);
    return of(
        ComponentHealthState.class,
        e -> new ComponentHealthState(),
        d::onEvent,
        d::onTimer,
        d::nextTimer,
        d.lateness(),
        d::onEnd);
  }

  /** Per center, on voice calls: telephony denial of service. */
  public static Detector<CallEvent, TdosState> tdos(DetectorSettings settings, ZoneId zone) {
    TdosDetector d = new TdosDetector(settings, zoneOffsetMs(zone));
    return of(
        TdosState.class,
        e -> d.newState(e.center(), channelOf(e)),
        d::onEvent,
        d::onTimer,
        d::nextTimer,
        d.lateness(),
        d::onEnd);
  }

  /** Per (center, channel) of calls: arrivals vanishing while the probes say up. */
  public static Detector<CallEvent, TrafficLossState> trafficLoss(
      DetectorSettings settings, ZoneId zone) {
    TrafficLossDetector d = new TrafficLossDetector(settings, zoneOffsetMs(zone));
    return of(
        TrafficLossState.class,
        e -> d.newState(e.center(), channelOf(e)),
        d::onEvent,
        d::onTimer,
        d::nextTimer);
  }

  /** Per center, on IVR authentications: PIN brute force and account enumeration. */
  public static Detector<AuthEvent, IvrBruteForceState> ivrBruteForce(DetectorSettings settings) {
    IvrBruteForceDetector d = new IvrBruteForceDetector(settings);
    return of(
        IvrBruteForceState.class,
        e -> d.newState(e.center()),
        d::onEvent,
        d::onTimer,
        d::nextTimer);
  }

  /** Per (center, channel) of web, app and API logins: credential stuffing. */
  public static Detector<AuthEvent, CredentialStuffingState> credentialStuffing(
      DetectorSettings settings) {
    CredentialStuffingDetector d = new CredentialStuffingDetector(settings);
    return of(
        CredentialStuffingState.class,
        e -> d.newState(e.center(), e.channel()),
        d::onEvent,
        d::onTimer,
        d::nextTimer,
        d.lateness(),
        d::onEnd);
  }

  /** Per (center, channel) of online requests: volumetric DDoS and heavy hitters. */
  public static Detector<AccessEvent, DdosState> ddos(DetectorSettings settings, ZoneId zone) {
    DdosDetector d = new DdosDetector(settings, zoneOffsetMs(zone));
    return of(
        DdosState.class,
        e -> d.newState(e.center(), e.channel()),
        d::onEvent,
        d::onTimer,
        d::nextTimer,
        d.lateness(),
        d::onEnd);
  }

  /**
   * Per (center, component), on health samples: the error budget (errors of requests) and the
   * latency budget (requests of samples whose p99 is above the component's objective from {@code
   * components.yaml}) burning over two window pairs ({@link BurnRateDetector}).
   */
  public static Detector<HealthEvent, SloBurnState> sloBurn(
      DetectorSettings settings, ComponentMap map) {
    BurnRateDetector errors = BurnRateDetector.errorRate(settings);
    BurnRateDetector latency = BurnRateDetector.latency(settings);
    return of(
        SloBurnState.class,
        e -> {
          SloBurnState s = new SloBurnState();
          s.errors = errors.newState(e.center(), Labels.COMPONENT, e.component());
          s.latency = latency.newState(e.center(), Labels.COMPONENT, e.component());
          s.latencyObjectiveMs = map.component(e.component()).latencyP99SloMs();
          return s;
        },
        (s, e) -> {
          if (!e.up()) {
            return List.of(); // a down instance is the outage detector's business, not a burn
          }
          long[] bad = BurnRateDetector.errors(e);
          long[] slow = BurnRateDetector.slow(e, s.latencyObjectiveMs);
          List<Alert> out = new ArrayList<>(errors.record(s.errors, e.ts(), bad[0], bad[1]));
          out.addAll(latency.record(s.latency, e.ts(), slow[0], slow[1]));
          return out;
        },
        (s, now) -> {
          List<Alert> out = new ArrayList<>(errors.onTimer(s.errors, now));
          out.addAll(latency.onTimer(s.latency, now));
          return out;
        },
        s -> Math.min(errors.nextTimer(s.errors), latency.nextTimer(s.latency)));
  }

  /**
   * Per (center, component, instance), on health samples: latency, cpu, memory and every metric
   * against its seasonal median/MAD ({@link HealthAnomalyDetector}).
   */
  public static Detector<HealthEvent, HealthAnomalyState> healthAnomaly(
      DetectorSettings settings, ZoneId zone) {
    HealthAnomalyDetector d =
        new HealthAnomalyDetector(settings.healthAnomaly(), zoneOffsetMs(zone));
    return of(
        HealthAnomalyState.class,
        e -> new HealthAnomalyState(),
        d::onEvent,
        d::onTimer,
        d::nextTimer);
  }

  /** Per component: the outage levels of two or more centers down at once. */
  public static AlertPass<MultiCenterOutageState> multiCenterOutage(
      DetectorSettings settings, ComponentMap map) {
    MultiCenterOutageTracker t = new MultiCenterOutageTracker(settings.outageLevels(), map);
    return new AlertPass<>() {
      @Override
      public MultiCenterOutageState newState() {
        return new MultiCenterOutageState();
      }

      @Override
      public List<Alert> onAlert(MultiCenterOutageState s, Alert alert) {
        return t.onAlert(s, alert);
      }

      @Override
      public List<Alert> onTimer(MultiCenterOutageState s, long now) {
        return t.onTimer(s, now);
      }

      @Override
      public long nextTimer(MultiCenterOutageState s, long now) {
        return t.nextTimer(s, now);
      }

      @Override
      public boolean isEmpty(MultiCenterOutageState s) {
        return s.isEmpty();
      }

      @Override
      public Class<MultiCenterOutageState> stateClass() {
        return MultiCenterOutageState.class;
      }
    };
  }

  /**
   * Per center: symptoms of a component outage get {@code root_cause} ({@link RootCauseTagger}).
   */
  public static AlertPass<RootCauseState> rootCause(ComponentMap map) {
    RootCauseTagger t = new RootCauseTagger(map);
    return new AlertPass<>() {
      @Override
      public RootCauseState newState() {
        return new RootCauseState();
      }

      @Override
      public List<Alert> onAlert(RootCauseState s, Alert alert) {
        return t.onAlert(s, alert);
      }

      @Override
      public boolean isEmpty(RootCauseState s) {
        return s.isEmpty();
      }

      @Override
      public Class<RootCauseState> stateClass() {
        return RootCauseState.class;
      }
    };
  }

  /**
   * Per center: attacks at III while they hurt a component of their channel, II while it is out.
   */
  public static AlertPass<AttackImpactState> attackImpact(ComponentMap map) {
    return new AttackImpact(map);
  }

  /** Serializable pieces of a detector, so that the adapter can be shipped to a Flink task. */
  interface NewState<E, S> extends java.io.Serializable {
    S apply(E first);
  }

  interface OnEvent<S, E> extends java.io.Serializable {
    List<Alert> apply(S state, E event);
  }

  interface OnTimer<S> extends java.io.Serializable {
    List<Alert> apply(S state, long now);
  }

  interface OnEnd<S> extends java.io.Serializable {
    List<Alert> apply(S state);
  }

  interface NextTimer<S> extends java.io.Serializable {
    long apply(S state);
  }

  /** A {@link Detector} made of a detector's methods, judging each event as it comes. */
  static <E extends io.cscmon.core.event.Event, S> Detector<E, S> of(
      Class<S> stateClass,
      NewState<E, S> newState,
      OnEvent<S, E> onEvent,
      OnTimer<S> onTimer,
      NextTimer<S> nextTimer) {
    return of(stateClass, newState, onEvent, onTimer, nextTimer, 0, state -> List.of());
  }

  /**
   * A {@link Detector} made of a detector's methods, one that holds events back for {@code
   * latenessMs} to take them in event-time order ({@link Detector#lateness}, {@link
   * Detector#onEnd}).
   */
  static <E extends io.cscmon.core.event.Event, S> Detector<E, S> of(
      Class<S> stateClass,
      NewState<E, S> newState,
      OnEvent<S, E> onEvent,
      OnTimer<S> onTimer,
      NextTimer<S> nextTimer,
      long latenessMs,
      OnEnd<S> onEnd) {
    return new Detector<>() {
      @Override
      public S newState(E first) {
        return newState.apply(first);
      }

      @Override
      public List<Alert> onEvent(S state, E event) {
        return onEvent.apply(state, event);
      }

      @Override
      public List<Alert> onTimer(S state, long now) {
        return onTimer.apply(state, now);
      }

      @Override
      public long nextTimer(S state) {
        return nextTimer.apply(state);
      }

      @Override
      public Class<S> stateClass() {
        return stateClass;
      }

      @Override
      public long lateness() {
        return latenessMs;
      }

      @Override
      public List<Alert> onEnd(S state) {
        return onEnd.apply(state);
      }
    };
  }

  /** The channel a call counts on: the one its arrival named, voice by default. */
  public static String channelOf(CallEvent call) {
    return call.channel() != null ? call.channel() : CallEvent.DEFAULT_CHANNEL;
  }
}
