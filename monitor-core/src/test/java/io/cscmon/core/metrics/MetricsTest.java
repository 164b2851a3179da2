package io.cscmon.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.EventType;
import io.cscmon.core.parse.RejectReason;
import io.cscmon.core.testing.TestAlerts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Checks the exposition text itself: dashboards and alert rules query these exact names. */
class MetricsTest {

  private final Metrics metrics = Metrics.create();

  @AfterEach
  void close() {
    metrics.close();
  }

  private String scrape() {
    return metrics.registry().scrape();
  }

  @Test
  void everyEventTypeAndRejectReasonIsExposedAtZeroFromTheStart() {
    String text = scrape();
    assertThat(text)
        .contains("# HELP cscmon_events_accepted_total Input events accepted, by event type")
        .contains("# TYPE cscmon_events_accepted_total counter")
        .contains("# HELP cscmon_events_rejected_total Input lines rejected, by reason")
        .contains("# TYPE cscmon_events_rejected_total counter");
    for (EventType type : EventType.values()) {
      assertThat(text).contains("cscmon_events_accepted_total{type=\"" + type.wireName() + "\"} 0");
    }
    for (RejectReason reason : RejectReason.values()) {
      assertThat(text)
          .contains("cscmon_events_rejected_total{reason=\"" + reason.wireName() + "\"} 0");
    }
  }

  @Test
  void ingestCountersCount() {
    metrics.ingest().accepted(EventType.CALL);
    metrics.ingest().accepted(EventType.CALL, 2);
    metrics.ingest().rejected(RejectReason.INVALID_UTF8);

    assertThat(scrape())
        .contains("cscmon_events_accepted_total{type=\"call\"} 3.0")
        .contains("cscmon_events_accepted_total{type=\"agent\"} 0.0")
        .contains("cscmon_events_rejected_total{reason=\"invalid_utf8\"} 1.0");
  }

  @Test
  void alertGaugesFollowTheFiringSet() {
    assertThat(scrape())
        .contains("# TYPE cscmon_alerts_firing gauge")
        .contains("cscmon_alerts_firing 0.0")
        .contains(
            "cscmon_alerts_firing_by_risk{emergency_level=\"I\",risk_category=\"credit\"} 0.0");

    metrics
        .alerts()
        .firing(
            List.of(
                TestAlerts.firing("retail", "II", TestAlerts.T0),
                TestAlerts.firing("vip", "II", TestAlerts.T0),
                TestAlerts.firing("wealth", "I", TestAlerts.T0)));
    assertThat(scrape())
        .contains("cscmon_alerts_firing 3.0")
        .contains(
            "cscmon_alerts_firing_by_risk{emergency_level=\"II\",risk_category=\"operational\"} 2.0")
        .contains(
            "cscmon_alerts_firing_by_risk{emergency_level=\"I\",risk_category=\"operational\"} 1.0");

    metrics.alerts().firing(List.of(TestAlerts.firing("vip", "II", TestAlerts.T0)));
    assertThat(scrape())
        .contains("cscmon_alerts_firing 1.0")
        .contains(
            "cscmon_alerts_firing_by_risk{emergency_level=\"II\",risk_category=\"operational\"} 1.0")
        .contains(
            "cscmon_alerts_firing_by_risk{emergency_level=\"I\",risk_category=\"operational\"} 0.0");
  }

  @Test
  void notificationMetricsUsePrometheusNamesAndBaseUnits() {
    metrics.notifications().register("oncall");
    assertThat(scrape())
        .contains("cscmon_notifications_total{receiver=\"oncall\",result=\"delivered\"} 0.0")
        .contains("cscmon_notifications_total{receiver=\"oncall\",result=\"failed\"} 0.0");

    metrics.notifications().delivered("oncall", Duration.ofMillis(250));
    metrics.notifications().failed("oncall", Duration.ofMillis(750));
    metrics.notifications().retried("oncall");
    assertThat(scrape())
        .contains("cscmon_notifications_total{receiver=\"oncall\",result=\"delivered\"} 1.0")
        .contains("cscmon_notifications_total{receiver=\"oncall\",result=\"failed\"} 1.0")
        .contains("cscmon_notification_retries_total{receiver=\"oncall\"} 1.0")
        .contains("cscmon_notification_duration_seconds_count{receiver=\"oncall\"} 2")
        .contains("cscmon_notification_duration_seconds_sum{receiver=\"oncall\"} 1.0");
  }

  @Test
  void jvmMetricsAreBound() {
    assertThat(scrape()).contains("jvm_memory_used_bytes").contains("process_uptime_seconds");
  }
}
