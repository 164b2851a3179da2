package io.cscmon.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.HealthEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health dashboard's gauges, from health events, with hand-computed values. */
class ComponentHealthMetricsTest {

  private static final long T0 = 1_764_208_800_000L; // a minute boundary

  private final Metrics metrics = Metrics.create();
  private final ComponentHealthMetrics health = new ComponentHealthMetrics(metrics.registry());

  @AfterEach
  void close() {
    metrics.close();
  }

  private static HealthEvent sample(
      long ts, String component, String instance, boolean up, Long requests, Long errors) {
    return new HealthEvent(
        ts,
        "sh",
        component,
        instance,
        10_000,
        up,
        40.0,
        250.0,
        requests,
        errors,
        null,
        null,
        new String[0],
        new double[0]);
  }

  private String scrape() {
    return metrics.registry().scrape();
  }

  @Test
  void upLatencyAndErrorRatioOfTheLatestSampleInBaseUnits() {
    health.record(sample(T0, "crm", "a", true, 1000L, 20L));
    health.record(sample(T0, "ivr", "0", false, null, null));
    assertThat(scrape())
        .contains("# HELP cscmon_component_up 1 if the instance's latest probe says up")
        .contains("cscmon_component_up{center=\"sh\",component=\"crm\",instance=\"a\"} 1.0")
        .contains("cscmon_component_up{center=\"sh\",component=\"ivr\",instance=\"0\"} 0.0")
        .contains(
            "cscmon_component_latency_p50_seconds{center=\"sh\",component=\"crm\",instance=\"a\"}"
                + " 0.04")
        .contains(
            "cscmon_component_latency_p99_seconds{center=\"sh\",component=\"crm\",instance=\"a\"}"
                + " 0.25")
        .contains(
            "cscmon_component_error_ratio{center=\"sh\",component=\"crm\",instance=\"a\"} 0.02");
  }

  @Test
  void anInstanceSilentForThreeIntervalsIsDown() {
    health.record(sample(T0, "crm", "a", true, 100L, 0L));
    health.record(sample(T0, "crm", "b", true, 100L, 0L));
    // b keeps reporting; a's last sample is at T0, its interval 10 s: silent after T0 + 30 s.
    health.record(sample(T0 + 30_000, "crm", "b", true, 100L, 0L));
    assertThat(scrape())
        .contains("cscmon_component_up{center=\"sh\",component=\"crm\",instance=\"a\"} 1.0");
    health.record(sample(T0 + 31_000, "crm", "b", true, 100L, 0L));
    assertThat(scrape())
        .contains("cscmon_component_up{center=\"sh\",component=\"crm\",instance=\"a\"} 0.0")
        .contains("cscmon_component_up{center=\"sh\",component=\"crm\",instance=\"b\"} 1.0");
    // a comes back
    health.record(sample(T0 + 40_000, "crm", "a", true, 100L, 0L));
    assertThat(scrape())
        .contains("cscmon_component_up{center=\"sh\",component=\"crm\",instance=\"a\"} 1.0");
  }

  @Test
  void burnRatesOverTheDetectorsWindows() {
    // Minute 0: 1000 requests, 10 errors (1 %); minute 2: 1000 requests, 40 errors (4 %), two
    // instances. Budget 0.5 %: 1 m = 4 % / 0.5 % = 8; 3 m and 5 m = 50 / 2000 / 0.005 = 5.
    health.record(sample(T0, "web", "a", true, 1000L, 10L));
    health.record(sample(T0 + 120_000, "web", "a", true, 600L, 30L));
    health.record(sample(T0 + 125_000, "web", "b", true, 400L, 10L));
    assertThat(scrape())
        .contains("# TYPE cscmon_component_error_budget_burn_rate gauge")
        .contains(
            "cscmon_component_error_budget_burn_rate{center=\"sh\",component=\"web\",window=\"1m\"}"
                + " 8.0")
        .contains(
            "cscmon_component_error_budget_burn_rate{center=\"sh\",component=\"web\",window=\"3m\"}"
                + " 5.0")
        .contains(
            "cscmon_component_error_budget_burn_rate{center=\"sh\",component=\"web\",window=\"30m\"}"
                + " 5.0");
    // 31 minutes later minute 0 and 2 have left every window but 30m... and 30m too for minute 0.
    health.record(sample(T0 + 31 * 60_000, "web", "a", true, 1000L, 0L));
    assertThat(scrape())
        .contains(
            "cscmon_component_error_budget_burn_rate{center=\"sh\",component=\"web\",window=\"1m\"}"
                + " 0.0")
        .contains(
            "cscmon_component_error_budget_burn_rate{center=\"sh\",component=\"web\",window=\"30m\"}"
                + " 4.0");
  }

  @Test
  void hostileInputCannotGrowTheSeriesWithoutBound() {
    for (int i = 0; i < ComponentHealthMetrics.MAX_INSTANCES + 50; i++) {
      health.record(sample(T0, "crm", "i" + i, true, 10L, 0L));
    }
    assertThat(metrics.registry().find(ComponentHealthMetrics.UP).gauges())
        .hasSize(ComponentHealthMetrics.MAX_INSTANCES);
  }
}
