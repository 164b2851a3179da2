package io.cscmon.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.IvrOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The security dashboard's metrics, from call, auth and access events, hand-counted. */
class SecurityMetricsTest {

  private static final long T0 = 1_764_208_800_000L; // a minute boundary
  private static final long MINUTE = 60_000L;

  private final Metrics metrics = Metrics.create();
  private final SecurityMetrics security = new SecurityMetrics(metrics.registry());

  @AfterEach
  void close() {
    metrics.close();
  }

  private String scrape() {
    return metrics.registry().scrape();
  }

  private static AuthEvent auth(long ts, String channel, String source, boolean success) {
    return new AuthEvent(ts, "sh", channel, source, "acct", success, null);
  }

  private static AccessEvent access(long ts, String channel, String source, long count) {
    return new AccessEvent(ts, "sh", channel, source, "/login", 200, null, count);
  }

  private static CallEvent arrived(long ts, String id, String channel, String ani) {
    return new CallEvent(
        ts, "sh", id, CallPhase.ARRIVED, channel, ani, null, null, null, null, null, null, null);
  }

  private static CallEvent ivrExit(long ts, String id, IvrOutcome outcome) {
    return new CallEvent(
        ts, "sh", id, CallPhase.IVR_EXIT, null, null, null, outcome, null, null, null, null, null);
  }

  @Test
  void authAttemptsAndRequestsAreCountedByChannelAndResultOnClosedSets() {
    security.record(auth(T0, "web", "203.0.113.7", false));
    security.record(auth(T0, "web", "203.0.113.8", true));
    security.record(auth(T0, "carrier-pigeon", "x", true));
    security.record(access(T0, "app", "198.51.100.1", 20));
    security.record(access(T0, "app", "198.51.100.2", 0)); // count absent or 0 stands for one
    assertThat(scrape())
        .contains("# TYPE cscmon_auth_attempts_total counter")
        .contains(
            "cscmon_auth_attempts_total{center=\"sh\",channel=\"web\",result=\"failure\"} 1.0")
        .contains(
            "cscmon_auth_attempts_total{center=\"sh\",channel=\"web\",result=\"success\"} 1.0")
        .contains(
            "cscmon_auth_attempts_total{center=\"sh\",channel=\"other\",result=\"success\"} 1.0")
        .contains(
            "cscmon_auth_attempts_total{center=\"sh\",channel=\"ivr\",result=\"failure\"} 0.0")
        .contains("cscmon_access_requests_total{center=\"sh\",channel=\"app\"} 21.0")
        .doesNotContain("carrier-pigeon");
  }

  @Test
  void shortCallsDistinctNumbersAndTopSourcesOfTheLatestCompleteMinute() {
    // Minute 0: four voice arrivals and one app contact; two voice calls hang up in the IVR within
    // 10 s (ANI 111 both times), one after 30 s, one is self-served quickly.
    security.record(arrived(T0, "c1", "voice", "111"));
    security.record(arrived(T0 + 1_000, "c2", null, "111"));
    security.record(arrived(T0 + 2_000, "c3", "voice", "222"));
    security.record(arrived(T0 + 3_000, "c4", "voice", "333"));
    security.record(arrived(T0 + 3_000, "c5", "app", "dev-9"));
    security.record(ivrExit(T0 + 5_000, "c1", IvrOutcome.HANGUP));
    security.record(ivrExit(T0 + 9_000, "c2", IvrOutcome.HANGUP));
    security.record(ivrExit(T0 + 32_000, "c3", IvrOutcome.HANGUP));
    security.record(ivrExit(T0 + 4_000, "c4", IvrOutcome.SELF_SERVED));
    security.record(ivrExit(T0 + 6_000, "c5", IvrOutcome.HANGUP)); // not voice
    security.record(auth(T0, "ivr", "444", false));
    security.record(auth(T0, "web", "203.0.113.7", false));
    security.record(auth(T0, "web", "203.0.113.9", false));
    security.record(access(T0, "web", "198.51.100.1", 50));
    security.record(access(T0, "web", "198.51.100.2", 5));
    assertThat(scrape()).contains("cscmon_tdos_short_call_ratio{center=\"sh\"} NaN");

    // The next minute's first event of each stream completes minute 0 of that stream.
    nextMinute(1);
    assertThat(scrape())
        .contains("# HELP cscmon_tdos_short_call_ratio Voice calls that left unserved")
        .contains("cscmon_tdos_short_call_ratio{center=\"sh\"} 0.5")
        .contains("cscmon_tdos_distinct_anis{center=\"sh\"} 3.0")
        .contains("cscmon_ddos_distinct_sources{center=\"sh\",channel=\"web\"} 2.0")
        .contains(
            "cscmon_attack_top_source_events{attack_type=\"tdos\",center=\"sh\",source=\"111\"} 2.0")
        .contains(
            "cscmon_attack_top_source_events{attack_type=\"ivr_bruteforce\",center=\"sh\","
                + "source=\"444\"} 1.0")
        .contains(
            "cscmon_attack_top_source_events{attack_type=\"credential_stuffing\",center=\"sh\","
                + "source=\"203.0.113.0/24\"} 2.0")
        .contains(
            "cscmon_attack_top_source_events{attack_type=\"ddos\",center=\"sh\","
                + "source=\"198.51.100.1\"} 50.0");

    // A quiet minute later: the sources of minute 0 leave /metrics, the ratios fall to 0.
    nextMinute(2);
    assertThat(scrape())
        .contains("cscmon_tdos_short_call_ratio{center=\"sh\"} 0.0")
        .contains("cscmon_tdos_distinct_anis{center=\"sh\"} 1.0")
        .contains("cscmon_ddos_distinct_sources{center=\"sh\",channel=\"app\"} 1.0")
        .doesNotContain("source=\"111\"")
        .doesNotContain("source=\"198.51.100.1\"");
  }

  /** One quiet event of each stream in minute {@code m}: a call arriving, a login, a request. */
  private void nextMinute(int m) {
    security.record(arrived(T0 + m * MINUTE, "n" + m, "voice", "9" + m));
    security.record(auth(T0 + m * MINUTE, "app", "198.18.0.1", true));
    security.record(access(T0 + m * MINUTE, "app", "198.18.0." + m, 1));
  }

  @Test
  void eachStreamKeepsItsOwnMinute() {
    // Calls run ahead to minute 1; requests of minute 0 still arrive and count in minute 0.
    security.record(access(T0, "web", "198.51.100.1", 7));
    security.record(arrived(T0 + MINUTE, "c1", "voice", "111"));
    security.record(access(T0 + 30_000, "web", "198.51.100.1", 3));
    security.record(access(T0 + MINUTE, "web", "198.51.100.2", 1));
    assertThat(scrape())
        .contains(
            "cscmon_attack_top_source_events{attack_type=\"ddos\",center=\"sh\","
                + "source=\"198.51.100.1\"} 10.0");
  }

  @Test
  void topSourcesAreBoundedPerAttackType() {
    for (int i = 0; i < 100; i++) {
      security.record(access(T0, "web", "10.0.0." + i, 1 + i));
    }
    security.record(access(T0 + MINUTE, "web", "10.0.1.1", 1));
    assertThat(metrics.registry().find(SecurityMetrics.TOP_SOURCES).gauges())
        .hasSize(SecurityMetrics.TOP);
    assertThat(scrape()).contains("source=\"10.0.0.99\"");
  }
}
