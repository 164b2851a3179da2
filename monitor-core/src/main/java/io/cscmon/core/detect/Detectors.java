package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.HealthEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

/** The detectors of issues 5 and 6 as {@link Detector}s, with the defaults the job runs. */
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
  public static Detector<HealthEvent, ComponentHealthState> componentHealth(ComponentMap map) {
    ComponentHealthDetector d = new ComponentHealthDetector(map);
    return of(
        ComponentHealthState.class,
        e -> new ComponentHealthState(),
        d::onEvent,
        d::onTimer,
        d::nextTimer);
  }

  /** Per center, on voice calls: telephony denial of service. */
  public static Detector<CallEvent, TdosState> tdos(ZoneId zone) {
    TdosDetector d = new TdosDetector(zoneOffsetMs(zone));
    return of(
        TdosState.class,
        e -> d.newState(e.center(), channelOf(e)),
        d::onEvent,
        d::onTimer,
        d::nextTimer);
  }

  /** Per (center, channel) of calls: arrivals vanishing while the probes say up. */
  public static Detector<CallEvent, TrafficLossState> trafficLoss(ZoneId zone) {
    TrafficLossDetector d = new TrafficLossDetector(zoneOffsetMs(zone));
    return of(
        TrafficLossState.class,
        e -> d.newState(e.center(), channelOf(e)),
        d::onEvent,
        d::onTimer,
        d::nextTimer);
  }

  /** Per center, on IVR authentications: PIN brute force and account enumeration. */
  public static Detector<AuthEvent, IvrBruteForceState> ivrBruteForce() {
    IvrBruteForceDetector d = new IvrBruteForceDetector();
    return of(
        IvrBruteForceState.class,
        e -> d.newState(e.center()),
        d::onEvent,
        d::onTimer,
        d::nextTimer);
  }

  /** Per (center, channel) of web, app and API logins: credential stuffing. */
  public static Detector<AuthEvent, CredentialStuffingState> credentialStuffing() {
    CredentialStuffingDetector d = new CredentialStuffingDetector();
    return of(
        CredentialStuffingState.class,
        e -> d.newState(e.center(), e.channel()),
        d::onEvent,
        d::onTimer,
        d::nextTimer);
  }

  /** Per (center, channel) of online requests: volumetric DDoS and heavy hitters. */
  public static Detector<AccessEvent, DdosState> ddos(ZoneId zone) {
    DdosDetector d = new DdosDetector(zoneOffsetMs(zone));
    return of(
        DdosState.class,
        e -> d.newState(e.center(), e.channel()),
        d::onEvent,
        d::onTimer,
        d::nextTimer);
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

  interface NextTimer<S> extends java.io.Serializable {
    long apply(S state);
  }

  /** A {@link Detector} made of a detector's methods. */
  static <E extends io.cscmon.core.event.Event, S> Detector<E, S> of(
      Class<S> stateClass,
      NewState<E, S> newState,
      OnEvent<S, E> onEvent,
      OnTimer<S> onTimer,
      NextTimer<S> nextTimer) {
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
    };
  }

  /** The channel a call counts on: the one its arrival named, voice by default. */
  public static String channelOf(CallEvent call) {
    return call.channel() != null ? call.channel() : CallEvent.DEFAULT_CHANNEL;
  }
}
