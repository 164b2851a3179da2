package io.cscmon.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.event.IvrOutcome;
import java.util.List;

/** Small event builders and the contract-shape check for the detector tests. */
final class Ev {
  private Ev() {}

  static final String CENTER = "sh";

  static HealthEvent health(long ts, String component, String instance, boolean up) {
    return new HealthEvent(
        ts,
        CENTER,
        component,
        instance,
        10_000,
        up,
        null,
        null,
        null,
        null,
        null,
        null,
        new String[0],
        new double[0]);
  }

  static HealthEvent health(
      long ts, String component, double p99, long requests, long errors, double cpu) {
    return new HealthEvent(
        ts,
        CENTER,
        component,
        "0",
        10_000,
        true,
        p99 / 2,
        p99,
        requests,
        errors,
        cpu,
        0.5,
        new String[] {"queue_depth"},
        new double[] {3});
  }

  static AuthEvent auth(long ts, String channel, String source, String account, boolean ok) {
    return new AuthEvent(ts, CENTER, channel, source, account, ok, "pin");
  }

  static AccessEvent access(long ts, String channel, String source, long count, double latency) {
    return new AccessEvent(ts, CENTER, channel, source, "/login", 200, latency, count);
  }

  static CallEvent arrived(long ts, String callId, String ani) {
    return new CallEvent(
        ts,
        CENTER,
        callId,
        CallPhase.ARRIVED,
        "voice",
        ani,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static CallEvent ivrExit(long ts, String callId, IvrOutcome outcome) {
    return new CallEvent(
        ts,
        CENTER,
        callId,
        CallPhase.IVR_EXIT,
        null,
        null,
        null,
        outcome,
        null,
        null,
        null,
        null,
        null);
  }

  /** Every alert carries every CONTRACT §2 label and annotation. */
  static void assertContractShape(List<Alert> alerts) {
    for (Alert a : alerts) {
      assertThat(a.labels())
          .containsKeys(
              Labels.ALERTNAME,
              Labels.INCIDENT_TYPE,
              Labels.RISK_CATEGORY,
              Labels.EMERGENCY_LEVEL,
              Labels.SEVERITY,
              Labels.CENTER);
      assertThat(a.annotations())
          .containsKeys(
              Labels.SUMMARY,
              Labels.DESCRIPTION,
              Labels.RUNBOOK_URL,
              Labels.PLAN_SECTION,
              Labels.VALUE,
              Labels.THRESHOLD);
      assertThat(a.annotations().get(Labels.RUNBOOK_URL))
          .isEqualTo("alert-rules/runbook.md#" + a.alertname().toLowerCase(java.util.Locale.ROOT));
      if ("attack".equals(a.label(Labels.INCIDENT_TYPE))) {
        assertThat(a.labels()).containsKeys(Labels.ATTACK_TYPE, Labels.CHANNEL, Labels.SOURCE);
        assertThat(a.annotations()).containsKey(DetectAlert.TOP_OFFENDERS);
      }
    }
  }
}
