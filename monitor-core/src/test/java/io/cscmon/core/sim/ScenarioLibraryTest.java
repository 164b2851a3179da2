package io.cscmon.core.sim;

import static io.cscmon.core.sim.SimRun.HOUR;
import static io.cscmon.core.sim.SimRun.THURSDAY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.Event;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.event.IvrOutcome;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each scenario's traffic signature, computed from the emitted and parsed events only, against a
 * run with the same seed and no scenario. Runs start Thursday 09:00 (+08:00); scenarios start an
 * hour later, at 10:00, in the morning peak.
 */
class ScenarioLibraryTest {

  private static final long NINE = THURSDAY + 9 * HOUR;
  private static final Duration AT_TEN = Duration.ofHours(1);
  private static final Duration SPAN = Duration.ofMinutes(110);
  private static final long FROM = NINE + HOUR;
  private static final long MIN = 60_000L;

  private static SimRun baseline;

  private static synchronized SimRun baseline() {
    if (baseline == null) {
      baseline = SimRun.run(config().build(), SPAN);
    }
    return baseline;
  }

  private static SimulationConfig.Builder config() {
    return SimulationConfig.builder().seed(11).start(NINE);
  }

  private static SimRun run(Scenario... scenarios) {
    return SimRun.run(config().scenarios(List.of(scenarios)).build(), SPAN);
  }

  private static <T extends Event> List<T> events(SimRun run, Class<T> type, long from, long to) {
    List<T> out = new ArrayList<>();
    for (Event e : run.events) {
      if (type.isInstance(e) && e.ts() >= from && e.ts() < to) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  private static List<CallEvent> arrivals(SimRun run, long from, long to) {
    return events(run, CallEvent.class, from, to).stream()
        .filter(c -> c.phase() == CallPhase.ARRIVED)
        .toList();
  }

  // ------------------------------------------------------------------ market and credit

  @Test
  void creditEventSurgesCardLoanAndComplaintTopicsOnly() {
    SimRun run = run(new CreditEvent(AT_TEN, Duration.ofMinutes(30), 3.0));
    long to = FROM + 30 * MIN;
    Map<String, Long> during = byTopic(arrivals(run, FROM, to));
    Map<String, Long> normal = byTopic(arrivals(baseline(), FROM, to));
    for (String topic : List.of("credit_card", "loan", "complaint")) {
      assertThat((double) during.get(topic)).as(topic).isGreaterThan(2.3 * normal.get(topic));
    }
    assertThat((double) during.get("balance")).isLessThan(1.25 * normal.get("balance"));
    // The surge ends with the scenario.
    long after =
        arrivals(run, to + 10 * MIN, to + 40 * MIN).stream()
            .filter(c -> "credit_card".equals(c.topic()))
            .count();
    long afterNormal =
        arrivals(baseline(), to + 10 * MIN, to + 40 * MIN).stream()
            .filter(c -> "credit_card".equals(c.topic()))
            .count();
    assertThat((double) after).isLessThan(1.4 * afterNormal);
  }

  private static Map<String, Long> byTopic(List<CallEvent> arrivals) {
    return arrivals.stream()
        .filter(c -> c.topic() != null)
        .collect(Collectors.groupingBy(CallEvent::topic, Collectors.counting()));
  }

  // ------------------------------------------------------------------ technical

  @Test
  void heartbeatLossSilencesOneInstanceWithoutReportingDown() {
    SimRun run = run(new HeartbeatLoss(AT_TEN, Duration.ofMinutes(20), "crm", "1"));
    long to = FROM + 20 * MIN;
    Map<String, Integer> inside = new HashMap<>();
    long lastCrm1Before = 0;
    long firstCrm1After = Long.MAX_VALUE;
    for (HealthEvent h : events(run, HealthEvent.class, NINE, NINE + SPAN.toMillis())) {
      assertThat(h.up()).isTrue();
      String key = h.component() + "/" + h.instance();
      if (h.ts() >= FROM && h.ts() < to) {
        inside.merge(key, 1, Integer::sum);
      }
      if (key.equals("crm/1")) {
        if (h.ts() < FROM) {
          lastCrm1Before = Math.max(lastCrm1Before, h.ts());
        } else if (h.ts() >= to) {
          firstCrm1After = Math.min(firstCrm1After, h.ts());
        }
      }
    }
    assertThat(inside).doesNotContainKey("crm/1");
    assertThat(inside.get("crm/0")).isEqualTo(120);
    assertThat(inside).hasSize(16);
    assertThat(lastCrm1Before).isGreaterThan(FROM - 10_001);
    assertThat(firstCrm1After).isLessThan(to + 10_001);
  }

  @Test
  void voiceTrunkFailureLosesVoiceArrivalsWhileEveryProbeSaysUp() {
    SimRun run = run(new VoiceTrunkFailure(AT_TEN, Duration.ofMinutes(20)));
    long to = FROM + 20 * MIN;
    List<CallEvent> during = arrivals(run, FROM, to);
    assertThat(during.stream().filter(c -> "voice".equals(c.channel()))).isEmpty();
    // The other channels carry on.
    assertThat(during.stream().filter(c -> "app".equals(c.channel())).count()).isGreaterThan(50);
    long voiceBefore =
        arrivals(run, FROM - 20 * MIN, FROM).stream()
            .filter(c -> "voice".equals(c.channel()))
            .count();
    long voiceAfter =
        arrivals(run, to, to + 20 * MIN).stream().filter(c -> "voice".equals(c.channel())).count();
    assertThat(voiceBefore).isGreaterThan(1000);
    assertThat(voiceAfter).isGreaterThan(1000);
    List<HealthEvent> health = events(run, HealthEvent.class, FROM, to);
    assertThat(health).hasSize(17 * 120).allSatisfy(h -> assertThat(h.up()).isTrue());
    // The gateway's active calls drain.
    double activeBefore = activeCalls(events(run, HealthEvent.class, FROM - 10 * MIN, FROM));
    double activeLate = activeCalls(events(run, HealthEvent.class, to - 10 * MIN, to));
    assertThat(activeLate).isLessThan(activeBefore / 3);
  }

  private static double activeCalls(List<HealthEvent> health) {
    return health.stream()
        .filter(h -> h.component().equals("voice_gateway"))
        .mapToDouble(h -> h.metricValues()[0])
        .average()
        .orElseThrow();
  }

  @Test
  void latencyDegradationRampsUpAndRecovers() {
    SimRun run = run(new LatencyDegradation(AT_TEN, Duration.ofMinutes(30), 8, "core_banking"));
    long to = FROM + 30 * MIN;
    double before = p50(run, "core_banking", FROM - 10 * MIN, FROM);
    double early = p50(run, "core_banking", FROM, FROM + 5 * MIN);
    double late = p50(run, "core_banking", to - 5 * MIN, to);
    double after = p50(run, "core_banking", to, to + 10 * MIN);
    assertThat(early).isLessThan(2.5 * before);
    assertThat(late).isGreaterThan(6 * before);
    assertThat(after).isLessThan(1.5 * before);
    assertThat(p50(run, "crm", to - 5 * MIN, to)).isLessThan(1.5 * p50(run, "crm", 0, FROM));
  }

  private static double p50(SimRun run, String component, long from, long to) {
    return events(run, HealthEvent.class, from, to).stream()
        .filter(h -> h.component().equals(component))
        .mapToDouble(HealthEvent::latencyP50Ms)
        .average()
        .orElseThrow();
  }

  // ------------------------------------------------------------------ attacks

  @Test
  void spoofedTdosFloodsShortCallsFromNumbersSeenOnce() {
    Tdos tdos = new Tdos(AT_TEN, Duration.ofMinutes(10), 8);
    SimRun run = run(tdos);
    long to = FROM + 10 * MIN;
    ShortCalls attack = shortCalls(run, FROM, to);
    ShortCalls normal = shortCalls(baseline(), FROM, to);
    assertThat(attack.count).isBetween(4300, 5300); // 8/s for 600 s, plus the normal few
    assertThat(normal.count).isLessThan(attack.count / 20);
    // Each number once.
    assertThat(attack.anis.size()).isGreaterThan(attack.count * 95 / 100);
    assertThat(tdos.sources()).isEmpty();
    // Nearly all of them hung up within six seconds (normal quick hang-ups take 4 s and more).
    assertThat(attack.within6s).isGreaterThan(attack.count * 95 / 100);
    assertThat(shortCalls(run, to + 60_000, to + 11 * MIN).count).isLessThan(attack.count / 20);
  }

  @Test
  void repeatingTdosComesFromAFewNumbers() {
    Tdos tdos = new Tdos(AT_TEN, Duration.ofMinutes(10), 4, Tdos.Mode.REPEATING, 5);
    SimRun run = run(tdos);
    ShortCalls attack = shortCalls(run, FROM, FROM + 10 * MIN);
    Map<String, Integer> perAni = attack.perAni;
    List<String> top =
        perAni.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .limit(5)
            .map(Map.Entry::getKey)
            .toList();
    assertThat(top).containsExactlyInAnyOrderElementsOf(tdos.sources());
    assertThat(perAni.get(top.get(4))).isGreaterThan(300);
    // Normal callers call at most three times (two callbacks).
    Map<String, Integer> normal = new HashMap<>();
    arrivals(baseline(), NINE, NINE + SPAN.toMillis())
        .forEach(c -> normal.merge(c.ani(), 1, Integer::sum));
    assertThat(normal.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3));
  }

  private record ShortCalls(
      int count, Set<String> anis, Map<String, Integer> perAni, int within6s) {}

  /** Voice calls arriving in [from, to) that hung up in the IVR within 10 s. */
  private static ShortCalls shortCalls(SimRun run, long from, long to) {
    Map<String, CallEvent> arrived = new HashMap<>();
    for (CallEvent c : events(run, CallEvent.class, from, to + 20_000)) {
      if (c.phase() == CallPhase.ARRIVED && c.ts() < to && "voice".equals(c.channel())) {
        arrived.put(c.callId(), c);
      }
    }
    int n = 0;
    int within6s = 0;
    Set<String> anis = new HashSet<>();
    Map<String, Integer> perAni = new HashMap<>();
    for (CallEvent c : events(run, CallEvent.class, from, to + 20_000)) {
      CallEvent a = arrived.get(c.callId());
      if (a != null
          && c.phase() == CallPhase.IVR_EXIT
          && c.ivrOutcome() == IvrOutcome.HANGUP
          && c.ts() - a.ts() < 10_000) {
        n++;
        within6s += c.ts() - a.ts() <= 6000 ? 1 : 0;
        anis.add(a.ani());
        perAni.merge(a.ani(), 1, Integer::sum);
      }
    }
    return new ShortCalls(n, anis, perAni, within6s);
  }

  @Test
  void ivrEnumerationFailsOnManyAccountsPerNumber() {
    IvrBruteForce attack = new IvrBruteForce(AT_TEN, Duration.ofMinutes(15), 60);
    SimRun run = run(attack);
    long to = FROM + 15 * MIN;
    Map<String, Set<String>> failedAccountsPerAni = new HashMap<>();
    for (AuthEvent a : events(run, AuthEvent.class, FROM, to)) {
      if (a.channel().equals("ivr") && !a.success()) {
        failedAccountsPerAni.computeIfAbsent(a.source(), k -> new HashSet<>()).add(a.account());
      }
    }
    assertThat(attack.sources()).hasSize(2);
    for (String ani : attack.sources()) {
      assertThat(failedAccountsPerAni.get(ani)).as(ani).hasSizeGreaterThan(300);
    }
    // Normally a number fails on one account (its own), now and then twice.
    int normalMax = 0;
    for (AuthEvent a : events(baseline(), AuthEvent.class, FROM, to)) {
      assertThat(a.source()).isNotIn(attack.sources());
    }
    Map<String, Set<String>> normal = new HashMap<>();
    events(baseline(), AuthEvent.class, NINE, NINE + SPAN.toMillis()).stream()
        .filter(a -> a.channel().equals("ivr"))
        .forEach(a -> normal.computeIfAbsent(a.source(), k -> new HashSet<>()).add(a.account()));
    for (Set<String> s : normal.values()) {
      normalMax = Math.max(normalMax, s.size());
    }
    assertThat(normalMax).isEqualTo(1);
  }

  @Test
  void distributedIvrBruteForceFailsOneAccountFromManyNumbers() {
    IvrBruteForce attack =
        new IvrBruteForce(AT_TEN, Duration.ofMinutes(15), 30, IvrBruteForce.Mode.DISTRIBUTED, 1);
    SimRun run = run(attack);
    Set<String> anis = new HashSet<>();
    int failures = 0;
    for (AuthEvent a : events(run, AuthEvent.class, FROM, FROM + 15 * MIN)) {
      if (a.account().equals(attack.target())) {
        assertThat(a.channel()).isEqualTo("ivr");
        if (!a.success()) {
          failures++;
          anis.add(a.source());
        }
      }
    }
    assertThat(failures).isBetween(350, 550);
    assertThat(anis.size()).isGreaterThan(150);
  }

  @Test
  void credentialStuffingComesFromAFewSubnetsAndNearlyAlwaysFails() {
    CredentialStuffing attack = new CredentialStuffing(AT_TEN, Duration.ofMinutes(10), 20);
    SimRun run = run(attack);
    long to = FROM + 10 * MIN;
    Map<String, int[]> perPrefix = prefixStats(events(run, AuthEvent.class, FROM, to));
    Set<String> accounts = new HashSet<>();
    int attempts = 0;
    int failures = 0;
    for (AuthEvent a : events(run, AuthEvent.class, FROM, to)) {
      if (!a.channel().equals("ivr") && attack.prefixes().contains(prefix(a.source()))) {
        attempts++;
        failures += a.success() ? 0 : 1;
        accounts.add(a.account());
      }
    }
    assertThat(attempts).isBetween(11_000, 13_000);
    assertThat(failures / (double) attempts).isGreaterThan(0.97);
    assertThat(accounts.size()).isGreaterThan(attempts * 95 / 100);
    for (String p : attack.prefixes()) {
      assertThat(perPrefix.get(p)[1]).isGreaterThan(3000);
    }
    // Normally no /24 fails more than a handful of times in ten minutes.
    Map<String, int[]> normal = prefixStats(events(baseline(), AuthEvent.class, FROM, to));
    assertThat(normal.values().stream().mapToInt(n -> n[1]).max().orElse(0)).isLessThan(30);
    // The login endpoint answers 401 to them.
    long denied =
        events(run, AccessEvent.class, FROM, to).stream()
            .filter(a -> a.status() == 401 && attack.prefixes().contains(prefix(a.source())))
            .count();
    assertThat(denied).isEqualTo(failures);
  }

  @Test
  void carrierNatPutsManyAccountsBehindOneIpWithNormalFailures() {
    Map<String, Set<String>> accounts = new HashMap<>();
    Map<String, int[]> stats = new HashMap<>();
    for (AuthEvent a : events(baseline(), AuthEvent.class, NINE, NINE + SPAN.toMillis())) {
      if (!a.channel().equals("ivr")) {
        accounts.computeIfAbsent(a.source(), k -> new HashSet<>()).add(a.account());
        int[] n = stats.computeIfAbsent(a.source(), k -> new int[2]);
        n[0]++;
        n[1] += a.success() ? 0 : 1;
      }
    }
    List<String> crowded =
        accounts.entrySet().stream()
            .filter(e -> e.getValue().size() > 50)
            .map(Map.Entry::getKey)
            .toList();
    assertThat(crowded).hasSizeGreaterThanOrEqualTo(20);
    int attempts = crowded.stream().mapToInt(ip -> stats.get(ip)[0]).sum();
    int failures = crowded.stream().mapToInt(ip -> stats.get(ip)[1]).sum();
    assertThat(failures / (double) attempts).isBetween(0.02, 0.05);
  }

  private static Map<String, int[]> prefixStats(List<AuthEvent> auths) {
    Map<String, int[]> out = new HashMap<>();
    for (AuthEvent a : auths) {
      if (!a.channel().equals("ivr")) {
        int[] n = out.computeIfAbsent(prefix(a.source()), k -> new int[2]);
        n[0]++;
        n[1] += a.success() ? 0 : 1;
      }
    }
    return out;
  }

  private static String prefix(String ip) {
    return ip.substring(0, ip.lastIndexOf('.'));
  }

  @Test
  void volumetricDdosFloodsTheFrontEndsFromManyIpsWithAFewHeavyHitters() {
    VolumetricDdos ddos = new VolumetricDdos(AT_TEN, Duration.ofMinutes(10), 20_000);
    SimRun run = run(ddos);
    long to = FROM + 10 * MIN;
    Map<String, Long> perSource = new HashMap<>();
    long requests = 0;
    for (AccessEvent a : events(run, AccessEvent.class, FROM, to)) {
      perSource.merge(a.source(), a.count(), Long::sum);
      requests += a.count();
    }
    long normal =
        events(baseline(), AccessEvent.class, FROM, to).stream()
            .mapToLong(AccessEvent::count)
            .sum();
    assertThat(requests).isGreaterThan(11_000_000L).isGreaterThan(100 * normal);
    assertThat(perSource.size()).isGreaterThan(20_000);
    List<String> top =
        perSource.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(5)
            .map(Map.Entry::getKey)
            .toList();
    assertThat(top).containsExactlyInAnyOrderElementsOf(ddos.heavyHitters());
    // The front ends stay up, slow down and fail more.
    for (String component : List.of("web", "app_api")) {
      assertThat(p50(run, component, FROM + MIN, to))
          .isGreaterThan(10 * p50(baseline(), component, FROM + MIN, to));
    }
    assertThat(events(run, HealthEvent.class, FROM, to))
        .allSatisfy(h -> assertThat(h.up()).isTrue());
    assertThat(p50(run, "crm", FROM, to)).isLessThan(1.5 * p50(baseline(), "crm", FROM, to));
  }

  // ------------------------------------------------------------------ busy but normal

  @Test
  void appReleaseSurgesAppLoginsWithNormalFailureRateAndSpread() {
    SimRun run = run(new AppRelease(AT_TEN, Duration.ofMinutes(30), 4));
    long to = FROM + 30 * MIN;
    List<AuthEvent> app =
        events(run, AuthEvent.class, FROM, to).stream()
            .filter(a -> a.channel().equals("app"))
            .toList();
    long normalApp =
        events(baseline(), AuthEvent.class, FROM, to).stream()
            .filter(a -> a.channel().equals("app"))
            .count();
    assertThat((double) app.size()).isBetween(3.5 * normalApp, 4.5 * normalApp);
    double failed = app.stream().filter(a -> !a.success()).count() / (double) app.size();
    assertThat(failed).isBetween(0.025, 0.045);
    // No subnet stands out more than it normally would (carrier NATs aside).
    Map<String, int[]> perPrefix = prefixStats(app);
    assertThat(perPrefix.values().stream().mapToInt(n -> n[1]).max().orElse(0)).isLessThan(60);
    // The app API carries it without breaking a sweat.
    assertThat(p50(run, "app_api", FROM, to))
        .isLessThan(1.4 * p50(baseline(), "app_api", FROM, to));
    assertThat(events(run, HealthEvent.class, FROM, to))
        .allSatisfy(h -> assertThat(h.up()).isTrue());
  }

  @Test
  void busyDayIsStaffedForSoTheServiceLevelHolds() {
    SimRun run = run(new BusyDay(Duration.ZERO, Duration.ofHours(3), 1.35));
    int busy = arrivals(run, FROM, FROM + 30 * MIN).size();
    int normal = arrivals(baseline(), FROM, FROM + 30 * MIN).size();
    assertThat((double) busy).isBetween(1.25 * normal, 1.45 * normal);
    assertThat(run.serviceLevel(1, 1.8, 20)).isGreaterThanOrEqualTo(0.75);
    assertThat(run.abandonRate(1, 1.8)).isLessThan(0.08);
    // The same surge unplanned hurts: that is what makes it an incident, and this one not.
    SimRun unplanned = run(new MarketShock(Duration.ZERO, Duration.ofHours(3), 1.35, allTopics()));
    assertThat(unplanned.serviceLevel(1, 1.8, 20)).isLessThan(run.serviceLevel(1, 1.8, 20));
  }

  private static Set<String> allTopics() {
    Set<String> topics = new HashSet<>();
    SimulationConfig.defaultQueues().forEach(q -> topics.addAll(q.topicMix().keySet()));
    return topics;
  }

  // ------------------------------------------------------------------ composition, labels

  @Test
  void scenariosCompose() {
    // A TDoS during a trunk failure: the attack cannot get through either.
    SimRun run =
        run(
            new VoiceTrunkFailure(AT_TEN, Duration.ofMinutes(10)),
            new Tdos(AT_TEN.plusMinutes(5), Duration.ofMinutes(10), 8));
    assertThat(shortCalls(run, FROM + 5 * MIN, FROM + 10 * MIN).count).isZero();
    assertThat(shortCalls(run, FROM + 10 * MIN + 1000, FROM + 15 * MIN).count).isGreaterThan(2000);
  }

  @Test
  void sameSeedSameLinesWithAttacks() {
    SimulationConfig cfg =
        config()
            .scenario(new Tdos(Duration.ZERO, Duration.ofMinutes(5), 5))
            .scenario(new CredentialStuffing(Duration.ZERO, Duration.ofMinutes(5), 10))
            .scenario(new VolumetricDdos(Duration.ZERO, Duration.ofMinutes(5), 1000))
            .build();
    StringWriter a = new StringWriter();
    StringWriter b = new StringWriter();
    Simulator.writeNdjson(cfg, Duration.ofMinutes(6), a);
    Simulator.writeNdjson(cfg, Duration.ofMinutes(6), b);
    assertThat(a.toString()).isEqualTo(b.toString());
  }

  @Test
  void labelFileMatchesTheScenarioWindows() throws Exception {
    List<Scenario> all =
        List.of(
            new AgentShortage(Duration.ofMinutes(30), Duration.ofMinutes(20), 0.4),
            new MarketShock(Duration.ofMinutes(10), Duration.ofMinutes(20), 4),
            new ComponentOutage(Duration.ofMinutes(5), Duration.ofMinutes(10), "core_banking"),
            new CreditEvent(Duration.ofMinutes(1), Duration.ofMinutes(5), 3),
            new HeartbeatLoss(Duration.ofMinutes(2), Duration.ofMinutes(5), "crm", "1"),
            new VoiceTrunkFailure(Duration.ofMinutes(3), Duration.ofMinutes(5)),
            new LatencyDegradation(Duration.ofMinutes(4), Duration.ofMinutes(5), 5, "database"),
            new Tdos(Duration.ofMinutes(5), Duration.ofMinutes(5), 2, Tdos.Mode.REPEATING, 3),
            new IvrBruteForce(Duration.ofMinutes(6), Duration.ofMinutes(5), 20),
            new CredentialStuffing(Duration.ofMinutes(7), Duration.ofMinutes(5), 5),
            new VolumetricDdos(Duration.ofMinutes(8), Duration.ofMinutes(5), 2000),
            new AppRelease(Duration.ofMinutes(9), Duration.ofMinutes(5), 2),
            new BusyDay(Duration.ZERO, Duration.ofHours(2), 1.2),
            new Tdos(Duration.ofHours(2), Duration.ofMinutes(5), 2));
    SimulationConfig cfg = config().scenarios(all).build();
    Duration span = Duration.ofMinutes(40);
    StringWriter w = new StringWriter();
    int n = Labels.write(cfg, span, w);
    String[] lines = w.toString().split("\n");
    assertThat(n).isEqualTo(13).isEqualTo(lines.length); // the last one starts after the span
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> byKind = new HashMap<>();
    for (int i = 0; i < lines.length; i++) {
      JsonNode l = json.readTree(lines[i]);
      Scenario s = all.get(l.get("index").asInt());
      long start = NINE + s.startOffset().toMillis();
      assertThat(l.get("start_ms").asLong()).isEqualTo(start);
      assertThat(l.get("end_ms").asLong())
          .isEqualTo(Math.min(NINE + span.toMillis(), start + s.duration().toMillis()));
      assertThat(java.time.OffsetDateTime.parse(l.get("start").asText()).toInstant().toEpochMilli())
          .isEqualTo(start);
      assertThat(l.get("start").asText()).endsWith("+08:00");
      assertThat(l.get("center").asText()).isEqualTo("default");
      assertThat(l.get("expect_alert").asBoolean()).isEqualTo(s.expected().expectAlert());
      byKind.put(l.get("scenario").asText(), l);
    }
    assertThat(byKind.keySet())
        .containsExactlyInAnyOrder(
            "agent-shortage",
            "market-shock",
            "component-outage",
            "credit-event",
            "heartbeat-loss",
            "trunk-failure",
            "latency-degradation",
            "tdos",
            "ivr-bruteforce",
            "credential-stuffing",
            "ddos",
            "app-release",
            "busy-day");
    assertLabel(byKind.get("agent-shortage"), "service_level", "operational", null);
    assertLabel(byKind.get("market-shock"), "topic_surge", "market", null);
    assertLabel(byKind.get("credit-event"), "topic_surge", "credit", null);
    assertLabel(byKind.get("component-outage"), "outage", "technical", null);
    // crm/1 is one of crm's two instances: the other serves, so the detector says degraded.
    assertLabel(byKind.get("heartbeat-loss"), "degradation", "technical", null);
    assertLabel(byKind.get("trunk-failure"), "outage", "technical", null);
    assertLabel(byKind.get("latency-degradation"), "degradation", "technical", null);
    assertLabel(byKind.get("tdos"), "attack", "technical", "tdos");
    assertLabel(byKind.get("ivr-bruteforce"), "attack", "technical", "ivr_bruteforce");
    assertLabel(byKind.get("credential-stuffing"), "attack", "technical", "credential_stuffing");
    assertLabel(byKind.get("ddos"), "attack", "technical", "ddos");
    for (String quiet : List.of("app-release", "busy-day")) {
      assertThat(byKind.get(quiet).has("incident_type")).isFalse();
      assertThat(byKind.get(quiet).get("expect_alert").asBoolean()).isFalse();
    }
    assertThat(byKind.get("busy-day").get("end_ms").asLong()).isEqualTo(NINE + span.toMillis());
    assertThat(byKind.get("heartbeat-loss").get("scope").toString())
        .isEqualTo("{\"component\":[\"crm\"],\"instance\":[\"1\"]}");
    assertThat(byKind.get("credit-event").get("scope").get("topic").toString())
        .isEqualTo("[\"complaint\",\"credit_card\",\"loan\"]");
    assertThat(byKind.get("tdos").get("scope").get("source")).hasSize(3);
    assertThat(byKind.get("credential-stuffing").get("scope").get("source").get(0).asText())
        .endsWith(".0/24");
  }

  private static void assertLabel(JsonNode l, String incident, String risk, String attack) {
    assertThat(l.get("incident_type").asText()).isEqualTo(incident);
    assertThat(l.get("risk_category").asText()).isEqualTo(risk);
    if (attack == null) {
      assertThat(l.has("attack_type")).isFalse();
    } else {
      assertThat(l.get("attack_type").asText()).isEqualTo(attack);
    }
  }

  @Test
  void labelledAttackWindowsAreWhatTheEventsShow() throws Exception {
    // Score the label against the events: the short-call flood lies inside the labelled window.
    Tdos tdos = new Tdos(AT_TEN, Duration.ofMinutes(5), 6, Tdos.Mode.REPEATING, 4);
    SimulationConfig cfg = config().scenario(tdos).build();
    JsonNode label = new ObjectMapper().readTree(Labels.lines(cfg, SPAN).get(0));
    long start = label.get("start_ms").asLong();
    long end = label.get("end_ms").asLong();
    Set<String> sources = new HashSet<>();
    label.get("scope").get("source").forEach(s -> sources.add(s.asText()));
    SimRun run = SimRun.run(cfg, SPAN);
    List<CallEvent> fromAttackers =
        arrivals(run, NINE, NINE + SPAN.toMillis()).stream()
            .filter(c -> sources.contains(c.ani()))
            .toList();
    assertThat(fromAttackers).hasSizeGreaterThan(1500);
    assertThat(fromAttackers).allSatisfy(c -> assertThat(c.ts()).isBetween(start, end));
  }
}
