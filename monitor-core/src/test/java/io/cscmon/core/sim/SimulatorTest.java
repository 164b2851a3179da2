package io.cscmon.core.sim;

import static io.cscmon.core.sim.SimRun.HOUR;
import static io.cscmon.core.sim.SimRun.THURSDAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AgentState;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.Event;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.event.IvrOutcome;
import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.ParseResult;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  private static final Duration DAY = Duration.ofDays(1);

  /** One simulated Thursday with the defaults, shared by the tests that only read it. */
  private static SimRun baselineDay;

  private static synchronized SimRun baselineDay() {
    if (baselineDay == null) {
      baselineDay = SimRun.run(config(42).build(), DAY);
    }
    return baselineDay;
  }

  private static SimulationConfig.Builder config(long seed) {
    return SimulationConfig.builder().seed(seed).start(THURSDAY);
  }

  @Test
  void everyLineParsesAndTimeNeverGoesBackwards() {
    Simulator sim = new Simulator(config(1).build());
    EventParser parser = new EventParser();
    long previous = Long.MIN_VALUE;
    int rfc3339 = 0;
    Set<String> types = new HashSet<>();
    for (int i = 1; i <= 150_000; i++) {
      long peek = sim.peekTime();
      String line = sim.nextLine();
      ParseResult r = parser.parse(line, i);
      assertThat(r).as(line).isInstanceOf(ParseResult.Parsed.class);
      Event e = ((ParseResult.Parsed) r).event();
      assertThat(e.ts()).as(line).isEqualTo(peek).isGreaterThanOrEqualTo(previous);
      assertThat(e.center()).isEqualTo("default");
      previous = e.ts();
      types.add(e.type().wireName());
      if (line.contains("\"ts\":\"")) {
        assertThat(line).contains("+08:00\"");
        rfc3339++;
      }
    }
    assertThat(types).containsExactlyInAnyOrder("call", "agent", "health", "auth", "access");
    assertThat(rfc3339 / 150_000.0).isBetween(0.08, 0.12);
  }

  @Test
  void sameSeedSameLinesOtherSeedOtherLines() {
    Simulator a = new Simulator(config(9).build());
    Simulator b = new Simulator(config(9).build());
    Simulator c = new Simulator(config(10).build());
    int differing = 0;
    for (int i = 0; i < 100_000; i++) {
      String la = a.nextLine();
      assertThat(b.nextLine()).isEqualTo(la);
      if (!c.nextLine().equals(la)) {
        differing++;
      }
    }
    assertThat(differing).isGreaterThan(50_000);
  }

  @Test
  void dailyVolumeMatchesTheConfiguredCallsPerDay() {
    int arrived = baselineDay().calls(CallPhase.ARRIVED, 0, 24).size();
    assertThat(arrived).isBetween(40_500, 49_500); // 45 000 ± 10 % on a Thursday (factor 1)
  }

  @Test
  void smallerCentersScaleAndMondayIsBusierThanSunday() {
    long monday = THURSDAY - 3 * 24 * HOUR;
    long sunday = THURSDAY + 3 * 24 * HOUR;
    SimRun mon = SimRun.run(config(3).callsPerDay(10_000).start(monday).build(), DAY);
    SimRun sun = SimRun.run(config(3).callsPerDay(10_000).start(sunday).build(), DAY);
    int monCalls = mon.calls(CallPhase.ARRIVED, 0, 24).size();
    int sunCalls = sun.calls(CallPhase.ARRIVED, 0, 24).size();
    assertThat(monCalls).isBetween(10_600, 13_000); // Monday factor 1.18
    assertThat(sunCalls).isBetween(7_500, 9_300); // Sunday factor 0.84
  }

  @Test
  void businessHoursHaveTwoPeaksAndTheNightIsQuietButNotEmpty() {
    SimRun day = baselineDay();
    int night = day.calls(CallPhase.ARRIVED, 3, 4).size();
    int morningPeak = day.calls(CallPhase.ARRIVED, 10, 11).size();
    int lunch = day.calls(CallPhase.ARRIVED, 12, 13).size();
    int afternoonPeak = day.calls(CallPhase.ARRIVED, 15, 16).size();
    assertThat(night).isPositive();
    assertThat(morningPeak).isGreaterThan(5 * night);
    assertThat(morningPeak).isGreaterThan(lunch * 13 / 10);
    assertThat(afternoonPeak).isGreaterThan(lunch * 12 / 10);
  }

  @Test
  void aboutSeventyPercentSelfServeInTheIvr() {
    SimRun day = baselineDay();
    List<CallEvent> exits = day.calls(CallPhase.IVR_EXIT, 0, 24);
    Map<IvrOutcome, Integer> byOutcome = new HashMap<>();
    exits.forEach(c -> byOutcome.merge(c.ivrOutcome(), 1, Integer::sum));
    double selfServed = byOutcome.get(IvrOutcome.SELF_SERVED) / (double) exits.size();
    double hangup = byOutcome.get(IvrOutcome.HANGUP) / (double) exits.size();
    assertThat(selfServed).isBetween(0.67, 0.73);
    assertThat(hangup).isBetween(0.03, 0.05);
  }

  @Test
  void everyContactFollowsTheContractsLifecycle() {
    SimRun day = baselineDay();
    Map<String, StringBuilder> phases = new HashMap<>();
    Map<String, String> answeredBy = new HashMap<>();
    Map<String, String> agentQueue = new HashMap<>();
    for (Event e : day.events) {
      if (e instanceof CallEvent c) {
        phases.computeIfAbsent(c.callId(), k -> new StringBuilder()).append(c.phase()).append(' ');
        if (c.phase() == CallPhase.ANSWERED) {
          answeredBy.put(c.callId(), c.agentId());
          assertThat(agentQueue.get(c.agentId())).isEqualTo(c.queue());
        }
        if (c.phase() == CallPhase.ENDED) {
          assertThat(c.agentId()).isEqualTo(answeredBy.get(c.callId()));
          assertThat(c.handleMs()).isPositive();
        }
      } else if (e instanceof AgentEvent a) {
        assertThat(a.queues()).hasSize(1);
        agentQueue.put(a.agentId(), a.queues()[0]);
      }
    }
    Set<String> allowed =
        Set.of(
            "ARRIVED IVR_EXIT ",
            "ARRIVED IVR_EXIT QUEUED ",
            "ARRIVED IVR_EXIT QUEUED ANSWERED ",
            "ARRIVED IVR_EXIT QUEUED ANSWERED ENDED ",
            "ARRIVED IVR_EXIT QUEUED ABANDONED ",
            "ARRIVED ");
    Map<String, Integer> shapes = new HashMap<>();
    phases.values().forEach(p -> shapes.merge(p.toString(), 1, Integer::sum));
    assertThat(allowed).containsAll(shapes.keySet());
    // Only contacts still in progress at the end of the day are incomplete.
    int incomplete =
        shapes.getOrDefault("ARRIVED ", 0)
            + shapes.getOrDefault("ARRIVED IVR_EXIT QUEUED ", 0)
            + shapes.getOrDefault("ARRIVED IVR_EXIT QUEUED ANSWERED ", 0);
    assertThat(incomplete).isLessThan(100);
  }

  @Test
  void ivrPinChecksAndOnlineLoginsFailAtARealisticRate() {
    SimRun day = baselineDay();
    Map<String, int[]> byChannel = new HashMap<>();
    for (Event e : day.events) {
      if (e instanceof AuthEvent a) {
        int[] n = byChannel.computeIfAbsent(a.channel(), k -> new int[2]);
        n[0]++;
        if (!a.success()) {
          n[1]++;
        }
      }
    }
    assertThat(byChannel).containsKeys("ivr", "app", "web");
    for (int[] n : byChannel.values()) {
      assertThat(n[1] / (double) n[0]).isBetween(0.02, 0.05);
    }
    int ivr = byChannel.get("ivr")[0];
    assertThat(ivr).isBetween(10_000, 40_000);
  }

  @Test
  void healthEveryTenSecondsPerInstanceAndAccessIsPreAggregated() {
    SimRun day = baselineDay();
    Map<String, Integer> samples = new HashMap<>();
    long accessLines = 0;
    long requests = 0;
    for (Event e : day.events) {
      if (e instanceof HealthEvent h) {
        assertThat(h.up()).isTrue();
        samples.merge(h.component() + "/" + h.instance(), 1, Integer::sum);
      } else if (e instanceof AccessEvent a) {
        accessLines++;
        requests += a.count();
      }
    }
    assertThat(samples.keySet())
        .contains("voice_gateway/0", "voice_gateway/1", "acd/0", "core_banking/1", "database/1")
        .hasSize(17);
    assertThat(samples.values()).allSatisfy(n -> assertThat(n).isEqualTo(8640));
    assertThat(requests / (double) accessLines).isBetween(15.0, 25.0);
    assertThat(requests).isBetween(1_600_000L, 2_400_000L);
  }

  @Test
  void staffingPlannedWithErlangCKeepsTheServiceLevelAtThePeak() {
    SimRun day = baselineDay();
    assertThat(day.serviceLevel(10, 11, 20)).isGreaterThanOrEqualTo(0.75);
    assertThat(day.serviceLevel(15, 16, 20)).isGreaterThanOrEqualTo(0.75);
    assertThat(day.abandonRate(10, 11)).isLessThan(0.08);
  }

  @Test
  void agentShortageDropsTheServiceLevelAndRaisesAbandonment() {
    Scenario shortage =
        new AgentShortage(Duration.ofMinutes(9 * 60 + 30), Duration.ofHours(2), 0.4);
    SimRun run = SimRun.run(config(42).scenario(shortage).build(), Duration.ofHours(13));
    SimRun base = baselineDay();

    double sl = run.serviceLevel(10, 11, 20);
    assertThat(sl).isLessThan(0.6);
    assertThat(run.abandonRate(10, 11))
        .isGreaterThan(0.15)
        .isGreaterThan(3 * base.abandonRate(10, 11));
    // Mean wait grows by an order of magnitude.
    double wait = meanWait(run, 10, 11);
    assertThat(wait).isGreaterThan(10 * Math.max(1000, meanWait(base, 10, 11)));
    // The absent agents say so.
    long notReady =
        run.events.stream()
            .filter(e -> e instanceof AgentEvent a && a.state() == AgentState.NOT_READY)
            .filter(
                e -> e.ts() >= THURSDAY + 9 * HOUR + 30 * 60_000 && e.ts() < THURSDAY + 10 * HOUR)
            .count();
    assertThat(notReady).isGreaterThan(30);
    // The center recovers after the agents return at 11:30.
    assertThat(run.serviceLevel(12.5, 13, 20)).isGreaterThan(0.7);
  }

  @Test
  void shortageOfOneQueueOnlyHurtsThatQueue() {
    Scenario shortage =
        new AgentShortage(
            Duration.ofHours(9), Duration.ofHours(3), 0.5, "credit_card", AgentState.LOGGED_OUT);
    SimRun run = SimRun.run(config(42).scenario(shortage).build(), Duration.ofHours(12));
    List<CallEvent> cc =
        run.calls(CallPhase.ANSWERED, 10, 11, c -> c.queue().equals("credit_card"));
    List<CallEvent> retail = run.calls(CallPhase.ANSWERED, 10, 11, c -> c.queue().equals("retail"));
    assertThat(fastShare(retail)).isGreaterThan(0.75);
    assertThat(fastShare(cc)).isLessThan(0.6);
  }

  @Test
  void marketShockRaisesWealthAndFxArrivals() {
    Scenario shock = new MarketShock(Duration.ofHours(10), Duration.ofHours(1), 4.0);
    SimRun run = SimRun.run(config(42).scenario(shock).build(), Duration.ofHours(12));
    SimRun base = baselineDay();
    long shocked = wealthFx(run, 10, 11);
    long normal = wealthFx(base, 10, 11);
    assertThat(shocked).isGreaterThan(3 * normal);
    // Before and after the shock the topic mix is normal.
    assertThat(wealthFx(run, 8, 9)).isLessThan(normal);
    assertThat((double) wealthFx(run, 11, 12)).isLessThan(1.5 * wealthFx(base, 11, 12));
    // Other topics do not surge.
    assertThat(
            (double) run.calls(CallPhase.ARRIVED, 10, 11, c -> c.topic().equals("balance")).size())
        .isLessThan(
            1.2 * base.calls(CallPhase.ARRIVED, 10, 11, c -> c.topic().equals("balance")).size());
  }

  @Test
  void coreBankingOutageReportsDownAndSendsMoreCallsToAgents() {
    Scenario outage =
        new ComponentOutage(Duration.ofHours(10), Duration.ofMinutes(30), "core_banking");
    SimRun run = SimRun.run(config(42).scenario(outage).build(), Duration.ofHours(12));
    long from = THURSDAY + 10 * HOUR;
    long to = from + 30 * 60_000;
    int downInside = 0;
    int downOutside = 0;
    int degradedIvr = 0;
    for (Event e : run.events) {
      if (e instanceof HealthEvent h) {
        boolean inside = h.ts() >= from && h.ts() < to;
        if (!h.up()) {
          assertThat(h.component()).isEqualTo("core_banking");
          if (inside) {
            downInside++;
          } else {
            downOutside++;
          }
        }
        if (inside && h.component().equals("ivr") && h.errors() > h.requests() / 5) {
          degradedIvr++;
        }
      }
    }
    assertThat(downInside).isEqualTo(2 * 180); // two instances, every 10 s, 30 minutes
    assertThat(downOutside).isZero();
    assertThat(degradedIvr).isGreaterThan(300);
    double toAgentDuring = toAgentShare(run, 10.05, 10.45);
    double toAgentBefore = toAgentShare(run, 9, 10);
    assertThat(toAgentBefore).isBetween(0.2, 0.32);
    assertThat(toAgentDuring).isGreaterThan(0.7);
    // Online requests needing the core fail.
    assertThat(
            run.events.stream()
                .filter(e -> e instanceof AccessEvent a && a.status() == 504)
                .filter(e -> e.ts() >= from && e.ts() < to)
                .count())
        .isGreaterThan(1000);
  }

  @Test
  void flappingOutageOfOneInstance() {
    Scenario flap =
        new ComponentOutage(Duration.ofHours(1), Duration.ofMinutes(10), 0.5, "app_api", "1");
    SimRun run = SimRun.run(config(5).scenario(flap).build(), Duration.ofHours(2));
    Map<Boolean, Integer> app1 = new HashMap<>();
    for (Event e : run.events) {
      if (e instanceof HealthEvent h && h.component().equals("app_api")) {
        if (h.instance().equals("0")) {
          assertThat(h.up()).isTrue();
        } else if (h.ts() >= THURSDAY + HOUR && h.ts() < THURSDAY + HOUR + 600_000) {
          app1.merge(h.up(), 1, Integer::sum);
        }
      }
    }
    assertThat(app1.get(false)).isEqualTo(30);
    assertThat(app1.get(true)).isEqualTo(30);
  }

  @Test
  void writeNdjsonWritesTheSpan() {
    StringWriter w = new StringWriter();
    long n = Simulator.writeNdjson(config(2).build(), Duration.ofMinutes(10), w);
    String[] lines = w.toString().split("\n");
    assertThat(lines).hasSize((int) n);
    assertThat(n).isGreaterThan(1000);
    EventParser parser = new EventParser();
    for (int i = 0; i < lines.length; i++) {
      ParseResult r = parser.parse(lines[i], i + 1);
      assertThat(r).isInstanceOf(ParseResult.Parsed.class);
      assertThat(((ParseResult.Parsed) r).event().ts()).isLessThan(THURSDAY + 600_000);
    }
  }

  @Test
  void configuredCenterAndNoRfc3339() {
    Simulator sim = new Simulator(config(2).center("shanghai-2").rfc3339Share(0).build());
    EventParser parser = new EventParser();
    for (int i = 1; i <= 5000; i++) {
      String line = sim.nextLine();
      assertThat(line).doesNotContain("\"ts\":\"");
      ParseResult.Parsed p = (ParseResult.Parsed) parser.parse(line, i);
      assertThat(p.event().center()).isEqualTo("shanghai-2");
    }
  }

  @Test
  void staffingFollowsTheLoad() {
    Simulator sim = new Simulator(config(1).build());
    int night = sim.scheduledAgents("retail", THURSDAY + 3 * HOUR);
    int peak = sim.scheduledAgents("retail", THURSDAY + 10 * HOUR);
    assertThat(night).isGreaterThanOrEqualTo(2);
    assertThat(peak).isGreaterThan(3 * night);
  }

  private static long wealthFx(SimRun run, double from, double to) {
    return run.calls(
            CallPhase.ARRIVED, from, to, c -> c.topic().equals("wealth") || c.topic().equals("fx"))
        .size();
  }

  private static double meanWait(SimRun run, double from, double to) {
    return run.calls(CallPhase.ANSWERED, from, to).stream()
        .mapToLong(CallEvent::waitMs)
        .average()
        .orElse(0);
  }

  private static double fastShare(List<CallEvent> answered) {
    return answered.stream().filter(c -> c.waitMs() <= 20_000).count() / (double) answered.size();
  }

  private static double toAgentShare(SimRun run, double from, double to) {
    List<CallEvent> exits = run.calls(CallPhase.IVR_EXIT, from, to);
    return exits.stream().filter(c -> c.ivrOutcome() == IvrOutcome.TO_AGENT).count()
        / (double) exits.size();
  }
}
