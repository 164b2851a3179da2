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
    return new Detector<>() {
      @Override
      public ComponentHealthState newState(HealthEvent first) {
        return new ComponentHealthState();
      }

      @Override
      public List<Alert> onEvent(ComponentHealthState s, HealthEvent e) {
        return d.onEvent(s, e);
      }

      @Override
      public List<Alert> onTimer(ComponentHealthState s, long now) {
        return d.onTimer(s, now);
      }

      @Override
      public long nextTimer(ComponentHealthState s) {
        return d.nextTimer(s);
      }

      @Override
      public Class<ComponentHealthState> stateClass() {
        return ComponentHealthState.class;
      }
    };
  }

  /** Per (center, channel) of calls: telephony denial of service. */
  public static Detector<CallEvent, TdosState> tdos(ZoneId zone) {
    TdosDetector d = new TdosDetector(zoneOffsetMs(zone));
    return new Detector<>() {
      @Override
      public TdosState newState(CallEvent first) {
        return d.newState(first.center(), channelOf(first));
      }

      @Override
      public List<Alert> onEvent(TdosState s, CallEvent e) {
        return d.onEvent(s, e);
      }

      @Override
      public List<Alert> onTimer(TdosState s, long now) {
        return d.onTimer(s, now);
      }

      @Override
      public long nextTimer(TdosState s) {
        return d.nextTimer(s);
      }

      @Override
      public Class<TdosState> stateClass() {
        return TdosState.class;
      }
    };
  }

  /** Per (center, channel) of calls: arrivals vanishing while the probes say up. */
  public static Detector<CallEvent, TrafficLossState> trafficLoss(ZoneId zone) {
    TrafficLossDetector d = new TrafficLossDetector(zoneOffsetMs(zone));
    return new Detector<>() {
      @Override
      public TrafficLossState newState(CallEvent first) {
        return d.newState(first.center(), channelOf(first));
      }

      @Override
      public List<Alert> onEvent(TrafficLossState s, CallEvent e) {
        return d.onEvent(s, e);
      }

      @Override
      public List<Alert> onTimer(TrafficLossState s, long now) {
        return d.onTimer(s, now);
      }

      @Override
      public long nextTimer(TrafficLossState s) {
        return d.nextTimer(s);
      }

      @Override
      public Class<TrafficLossState> stateClass() {
        return TrafficLossState.class;
      }
    };
  }

  /** Per center, on IVR authentications: PIN brute force and account enumeration. */
  public static Detector<AuthEvent, IvrBruteForceState> ivrBruteForce() {
    IvrBruteForceDetector d = new IvrBruteForceDetector();
    return new Detector<>() {
      @Override
      public IvrBruteForceState newState(AuthEvent first) {
        return d.newState(first.center());
      }

      @Override
      public List<Alert> onEvent(IvrBruteForceState s, AuthEvent e) {
        return d.onEvent(s, e);
      }

      @Override
      public List<Alert> onTimer(IvrBruteForceState s, long now) {
        return d.onTimer(s, now);
      }

      @Override
      public long nextTimer(IvrBruteForceState s) {
        return d.nextTimer(s);
      }

      @Override
      public Class<IvrBruteForceState> stateClass() {
        return IvrBruteForceState.class;
      }
    };
  }

  /** Per (center, channel) of web, app and API logins: credential stuffing. */
  public static Detector<AuthEvent, CredentialStuffingState> credentialStuffing() {
    CredentialStuffingDetector d = new CredentialStuffingDetector();
    return new Detector<>() {
      @Override
      public CredentialStuffingState newState(AuthEvent first) {
        return d.newState(first.center(), first.channel());
      }

      @Override
      public List<Alert> onEvent(CredentialStuffingState s, AuthEvent e) {
        return d.onEvent(s, e);
      }

      @Override
      public List<Alert> onTimer(CredentialStuffingState s, long now) {
        return d.onTimer(s, now);
      }

      @Override
      public long nextTimer(CredentialStuffingState s) {
        return d.nextTimer(s);
      }

      @Override
      public Class<CredentialStuffingState> stateClass() {
        return CredentialStuffingState.class;
      }
    };
  }

  /** Per (center, channel) of online requests: volumetric DDoS and heavy hitters. */
  public static Detector<AccessEvent, DdosState> ddos(ZoneId zone) {
    DdosDetector d = new DdosDetector(zoneOffsetMs(zone));
    return new Detector<>() {
      @Override
      public DdosState newState(AccessEvent first) {
        return d.newState(first.center(), first.channel());
      }

      @Override
      public List<Alert> onEvent(DdosState s, AccessEvent e) {
        return d.onEvent(s, e);
      }

      @Override
      public List<Alert> onTimer(DdosState s, long now) {
        return d.onTimer(s, now);
      }

      @Override
      public long nextTimer(DdosState s) {
        return d.nextTimer(s);
      }

      @Override
      public Class<DdosState> stateClass() {
        return DdosState.class;
      }
    };
  }

  /** The channel a call counts on: the one its arrival named, voice by default. */
  public static String channelOf(CallEvent call) {
    return call.channel() != null ? call.channel() : CallEvent.DEFAULT_CHANNEL;
  }
}
