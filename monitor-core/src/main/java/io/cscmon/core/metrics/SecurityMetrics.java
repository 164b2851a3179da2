package io.cscmon.core.metrics;

import io.cscmon.core.detect.Hash64;
import io.cscmon.core.detect.HyperLogLog;
import io.cscmon.core.detect.IpPrefix;
import io.cscmon.core.detect.SpaceSaving;
import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.IvrOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security dashboard's metrics, from the {@code call}, {@code auth} and {@code access} events
 * the job has put in event time:
 *
 * <ul>
 *   <li>{@code cscmon_auth_attempts_total{center,channel,result}} and {@code
 *       cscmon_access_requests_total{center,channel}} (each access line counted by its {@code
 *       count});
 *   <li>per event-time minute, published when a later minute's event arrives (so the gauges hold
 *       the latest complete minute): {@code cscmon_tdos_short_call_ratio{center}} — voice calls
 *       that left in the IVR or the queue within {@link #SHORT_CALL_MS} of arriving ÷ voice
 *       arrivals; {@code cscmon_tdos_distinct_anis{center}} and {@code
 *       cscmon_ddos_distinct_sources{center,channel}} (HyperLogLog estimates); {@code
 *       cscmon_attack_top_source_events{center,attack_type,source}} — the {@link #TOP} heaviest
 *       sources of the minute per attack type (space-saving top-k): ANIs of short voice calls
 *       ({@code tdos}), ANIs of failed IVR PINs ({@code ivr_bruteforce}), /24s of failed online
 *       logins ({@code credential_stuffing}), client IPs of requests ({@code ddos}). These are the
 *       detectors' own measures (TdosDetector's short call, the attack detectors' sources), so the
 *       panels show what the alerts judge.
 * </ul>
 *
 * Bounded: channels and results are mapped onto the contract's closed sets (else {@code other}),
 * top sources are {@link #TOP} per center and attack type (sources that leave the top leave {@code
 * /metrics}), at most {@link #MAX_CENTERS} centers are tracked, and open voice calls sit in a fixed
 * direct-mapped table (a collision forgets a call: the ratio only undercounts). Calls, auth and
 * access events each keep their own minute per center (they arrive through separate sinks); an
 * event of an earlier minute than its stream's current one (out of order, within the tolerance)
 * counts in the current minute. Thread-safe.
 */
public final class SecurityMetrics {

  static final String AUTH = "cscmon.auth.attempts";
  static final String ACCESS = "cscmon.access.requests";
  static final String SHORT_RATIO = "cscmon.tdos.short.call.ratio";
  static final String DISTINCT_ANIS = "cscmon.tdos.distinct.anis";
  static final String DISTINCT_SOURCES = "cscmon.ddos.distinct.sources";
  static final String TOP_SOURCES = "cscmon.attack.top.source.events";

  static final long SHORT_CALL_MS = 10_000;
  static final int TOP = 5;
  static final int MAX_CENTERS = 64;
  static final int OPEN_CALLS = 1 << 15;

  static final List<String> AUTH_CHANNELS = List.of("ivr", "app", "web", "api");
  static final List<String> ACCESS_CHANNELS = List.of("web", "app", "api");
  static final List<String> ATTACK_TYPES =
      List.of("tdos", "ivr_bruteforce", "credential_stuffing", "ddos");
  static final String OTHER = "other";

  private static final long MINUTE = 60_000L;
  private static final int HLL_PRECISION = 12;
  private static final Logger LOG = LoggerFactory.getLogger(SecurityMetrics.class);

  private final MeterRegistry registry;
  private final Map<String, Center> centers = new HashMap<>();
  private boolean warnedFull;

  public SecurityMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public synchronized void record(AuthEvent e) {
    Center c = center(e.center());
    if (c == null) {
      return;
    }
    c.auths.roll(e.ts());
    String channel = AUTH_CHANNELS.contains(e.channel()) ? e.channel() : OTHER;
    c.auth.get(channel + (e.success() ? "|success" : "|failure")).increment();
    if (!e.success() && e.source() != null) {
      if ("ivr".equals(channel)) {
        c.top.get("ivr_bruteforce").offer(e.source(), 1);
      } else {
        c.top.get("credential_stuffing").offer(IpPrefix.narrow(e.source()), 1);
      }
    }
  }

  public synchronized void record(AccessEvent e) {
    Center c = center(e.center());
    if (c == null) {
      return;
    }
    c.requests.roll(e.ts());
    String channel = ACCESS_CHANNELS.contains(e.channel()) ? e.channel() : OTHER;
    long count = Math.max(1, e.count());
    c.access.get(channel).increment(count);
    if (e.source() != null) {
      c.sources
          .computeIfAbsent(channel, k -> new HyperLogLog(HLL_PRECISION))
          .add(Hash64.of(e.source()));
      c.top.get("ddos").offer(e.source(), count);
    }
  }

  /** Every call event; only voice calls count (the telephony side of a denial of service). */
  public synchronized void record(CallEvent e) {
    Center c = center(e.center());
    if (c == null) {
      return;
    }
    c.calls.roll(e.ts());
    if (e.callId() == null) {
      return;
    }
    long hash = Hash64.of(e.callId());
    int slot = (int) (hash & (OPEN_CALLS - 1));
    if (e.phase() == CallPhase.ARRIVED) {
      String channel = e.channel() == null ? CallEvent.DEFAULT_CHANNEL : e.channel();
      if (!CallEvent.DEFAULT_CHANNEL.equals(channel)) {
        return;
      }
      c.arrivals++;
      if (e.ani() != null) {
        c.anis.add(Hash64.of(e.ani()));
      }
      c.callHash[slot] = hash;
      c.callArrived[slot] = e.ts();
      c.callAni[slot] = e.ani();
      return;
    }
    if (c.callHash[slot] != hash) {
      return; // not a voice call we saw arrive (or forgotten by a collision)
    }
    boolean leftUnserved =
        e.phase() == CallPhase.ABANDONED
            || e.phase() == CallPhase.IVR_EXIT && e.ivrOutcome() == IvrOutcome.HANGUP;
    boolean served =
        e.phase() == CallPhase.ANSWERED
            || e.phase() == CallPhase.IVR_EXIT && e.ivrOutcome() == IvrOutcome.SELF_SERVED;
    if (leftUnserved && e.ts() - c.callArrived[slot] <= SHORT_CALL_MS) {
      c.shortCalls++;
      if (c.callAni[slot] != null) {
        c.top.get("tdos").offer(c.callAni[slot], 1);
      }
    }
    if (leftUnserved || served) {
      c.callHash[slot] = 0;
      c.callAni[slot] = null;
      c.callArrived[slot] = 0;
    }
  }

  private Center center(String name) {
    Center c = centers.get(name);
    if (c == null) {
      if (centers.size() >= MAX_CENTERS) {
        if (!warnedFull) {
          warnedFull = true;
          LOG.warn("security metrics: {} centers tracked, ignoring '{}'", MAX_CENTERS, name);
        }
        return null;
      }
      c = new Center(name);
      centers.put(name, c);
    }
    return c;
  }

  /**
   * The event-time minute of one event stream of a center. Each stream (calls, auth, access) keeps
   * its own: the job hands them over in separate sinks, so one stream may run ahead of another.
   */
  private static final class Minute {
    private final Runnable publish;
    private long minute = Long.MIN_VALUE;

    Minute(Runnable publish) {
      this.publish = publish;
    }

    /** Publishes the minute that {@code ts} completes, if any. */
    void roll(long ts) {
      long m = Math.floorDiv(ts, MINUTE);
      if (minute != Long.MIN_VALUE && m > minute) {
        publish.run();
      }
      minute = Math.max(minute, m);
    }
  }

  private final class Center {
    final String name;
    final Map<String, Counter> auth = new HashMap<>();
    final Map<String, Counter> access = new HashMap<>();
    final Map<String, SpaceSaving> top = new LinkedHashMap<>();
    final Map<String, HyperLogLog> sources = new HashMap<>();
    final Map<String, GaugeCell> distinctSources = new HashMap<>();
    final Map<String, GaugeCell> published = new HashMap<>();
    final HyperLogLog anis = new HyperLogLog(HLL_PRECISION);
    final long[] callHash = new long[OPEN_CALLS];
    final long[] callArrived = new long[OPEN_CALLS];
    final String[] callAni = new String[OPEN_CALLS];
    final GaugeCell shortRatio;
    final GaugeCell distinctAnis;
    final Minute calls = new Minute(this::publishCalls);
    final Minute auths =
        new Minute(() -> publishTop(List.of("ivr_bruteforce", "credential_stuffing")));
    final Minute requests = new Minute(this::publishRequests);
    long arrivals;
    long shortCalls;

    Center(String name) {
      this.name = name;
      // Every series of the closed sets at 0 from the start, so that rate() sees the first one.
      for (String channel : with(AUTH_CHANNELS)) {
        for (String result : List.of("success", "failure")) {
          auth.put(
              channel + "|" + result,
              Counter.builder(AUTH)
                  .description("Authentication attempts by channel and result")
                  .tags("center", name, "channel", channel, "result", result)
                  .register(registry));
        }
      }
      for (String channel : with(ACCESS_CHANNELS)) {
        access.put(
            channel,
            Counter.builder(ACCESS)
                .description("Online-channel requests (access lines, each counted by its count)")
                .tags("center", name, "channel", channel)
                .register(registry));
      }
      ATTACK_TYPES.forEach(type -> top.put(type, new SpaceSaving(4 * TOP)));
      shortRatio =
          new GaugeCell(
              registry,
              SHORT_RATIO,
              "Voice calls that left unserved within 10 s of arriving / voice arrivals, latest"
                  + " event-time minute",
              null,
              Tags.of("center", name));
      distinctAnis =
          new GaugeCell(
              registry,
              DISTINCT_ANIS,
              "Distinct calling numbers of voice arrivals in the latest event-time minute"
                  + " (estimate)",
              null,
              Tags.of("center", name));
    }

    /** A call minute is complete: its gauges take its values, its counts start again. */
    void publishCalls() {
      shortRatio.set(arrivals == 0 ? 0 : (double) shortCalls / arrivals);
      distinctAnis.set(anis.estimate());
      arrivals = 0;
      shortCalls = 0;
      anis.clear();
      publishTop(List.of("tdos"));
    }

    void publishRequests() {
      sources.forEach(
          (channel, hll) -> {
            distinctSources
                .computeIfAbsent(
                    channel,
                    ch ->
                        new GaugeCell(
                            registry,
                            DISTINCT_SOURCES,
                            "Distinct client addresses of online requests in the latest event-time"
                                + " minute (estimate)",
                            null,
                            Tags.of("center", name, "channel", ch)))
                .set(hll.estimate());
            hll.clear();
          });
      publishTop(List.of("ddos"));
    }

    /** The attack types' heaviest sources of the minute; those that left the top leave. */
    void publishTop(List<String> types) {
      for (String type : types) {
        SpaceSaving sketch = top.get(type);
        Set<String> keep = new java.util.HashSet<>();
        for (int i : heaviest(sketch)) {
          String source = sketch.keys[i];
          keep.add(type + '\u0000' + source);
          published
              .computeIfAbsent(
                  type + '\u0000' + source,
                  k ->
                      new GaugeCell(
                          registry,
                          TOP_SOURCES,
                          "Events from one of the heaviest sources of an attack type in the"
                              + " latest event-time minute",
                          null,
                          Tags.of("center", name, "attack_type", type, "source", source)))
              .set(sketch.counts[i]);
        }
        sketch.clear();
        List<String> gone = new ArrayList<>();
        for (String key : published.keySet()) {
          if (key.startsWith(type + '\u0000') && !keep.contains(key)) {
            gone.add(key);
          }
        }
        for (String key : gone) {
          published.remove(key).remove(registry);
        }
      }
    }
  }

  /** Indexes of the {@link #TOP} heaviest keys of the sketch, heaviest first. */
  private static List<Integer> heaviest(SpaceSaving sketch) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < sketch.size; i++) {
      idx.add(i);
    }
    idx.sort((a, b) -> Long.compare(sketch.counts[b], sketch.counts[a]));
    return idx.subList(0, Math.min(TOP, idx.size()));
  }

  private static List<String> with(List<String> closed) {
    List<String> all = new ArrayList<>(closed);
    all.add(OTHER);
    return all;
  }
}
