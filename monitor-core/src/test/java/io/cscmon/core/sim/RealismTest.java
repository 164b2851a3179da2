package io.cscmon.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.Event;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.event.IvrOutcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The issue's acceptance day ({@code simulate --days 1 --seed 7}: Monday with the defaults) and the
 * normal behaviour that must not look like an incident.
 */
class RealismTest {

  private static SimRun day;

  private static synchronized SimRun day() {
    if (day == null) {
      day = SimRun.run(SimulationConfig.builder().seed(7).build(), Duration.ofDays(1));
    }
    return day;
  }

  @Test
  void theDayIsInTheIssuesRanges() {
    SimRun d = day();
    assertThat(d.serviceLevel(0, 24, 20)).isBetween(0.75, 0.95);
    assertThat(d.abandonRate(0, 24)).isBetween(0.02, 0.10);
    List<CallEvent> exits = d.calls(CallPhase.IVR_EXIT, 0, 24);
    double selfServed =
        exits.stream().filter(c -> c.ivrOutcome() == IvrOutcome.SELF_SERVED).count()
            / (double) exits.size();
    assertThat(selfServed).isBetween(0.60, 0.80);
    Set<String> components = new HashSet<>();
    Set<String> twoInstances = new HashSet<>();
    Set<Class<?>> types = new HashSet<>();
    for (Event e : d.events) {
      types.add(e.getClass());
      if (e instanceof HealthEvent h) {
        components.add(h.component());
        if (h.instance().equals("1")) {
          twoInstances.add(h.component());
        }
      }
    }
    assertThat(components).hasSizeGreaterThanOrEqualTo(8);
    assertThat(twoInstances).hasSizeGreaterThanOrEqualTo(3);
    assertThat(types)
        .contains(
            CallEvent.class,
            AgentEvent.class,
            HealthEvent.class,
            AuthEvent.class,
            AccessEvent.class);
  }

  @Test
  void someCallersCallBackAtMostTwiceAfterGivingUp() {
    Map<String, List<CallEvent>> byAni = new HashMap<>();
    Map<String, CallEvent> byId = new HashMap<>();
    Set<String> gaveUp = new HashSet<>();
    for (Event e : day().events) {
      if (e instanceof CallEvent c) {
        if (c.phase() == CallPhase.ARRIVED) {
          byAni.computeIfAbsent(c.ani(), k -> new java.util.ArrayList<>()).add(c);
          byId.put(c.callId(), c);
        } else if (c.phase() == CallPhase.ABANDONED
            || (c.phase() == CallPhase.IVR_EXIT && c.ivrOutcome() == IvrOutcome.HANGUP)) {
          gaveUp.add(c.callId());
        }
      }
    }
    int twice = 0;
    int thrice = 0;
    for (List<CallEvent> calls : byAni.values()) {
      assertThat(calls.size()).isLessThanOrEqualTo(3);
      if (calls.size() > 1) {
        twice += calls.size() == 2 ? 1 : 0;
        thrice += calls.size() == 3 ? 1 : 0;
        // Every earlier call of a repeating number was given up, and the topic stays.
        for (int i = 0; i < calls.size() - 1; i++) {
          assertThat(gaveUp).contains(calls.get(i).callId());
          assertThat(calls.get(i + 1).topic()).isEqualTo(calls.get(i).topic());
          assertThat(calls.get(i + 1).channel()).isEqualTo(calls.get(i).channel());
        }
      }
    }
    assertThat(twice).isGreaterThan(200);
    assertThat(thrice).isPositive();
  }

  @Test
  void loginsFailThreeToFourPercentAndMistypersRetry() {
    int attempts = 0;
    int failures = 0;
    Map<String, Long> failedAt = new HashMap<>();
    int retriedOk = 0;
    for (Event e : day().events) {
      if (e instanceof AuthEvent a && (a.channel().equals("app") || a.channel().equals("web"))) {
        attempts++;
        String key = a.source() + " " + a.account();
        if (!a.success()) {
          failures++;
          failedAt.put(key, a.ts());
        } else if (failedAt.containsKey(key) && a.ts() - failedAt.get(key) < 30_000) {
          retriedOk++;
        }
      }
    }
    assertThat(failures / (double) attempts).isBetween(0.03, 0.045);
    assertThat(retriedOk).isGreaterThan(failures / 3);
  }
}
