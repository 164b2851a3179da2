package io.cscmon.core.metrics;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE_LATER;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.kpi.KpiSample;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class KpiGaugesTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final KpiGauges gauges = new KpiGauges(registry);

  private void record(String kpi, String dimension, String scope, double value) {
    gauges.record(
        new KpiSample(kpi, "sh", dimension, scope, BEGINNING, ONE_MINUTE_LATER, value, 10));
  }

  @Test
  void exposesEachKpiPerScopeWithPrometheusNamesAndTheLatestValue() {
    record("service_level", "queue", "retail", 0.7);
    record("service_level", "queue", "retail", 0.82);
    record("service_level_15m", "queue", "vip", 0.9);
    record("asa_seconds", "center", "all", 12.5);
    record("offered", "topic", "wealth", 42);

    String text = registry.scrape();
    assertThat(text)
        .contains("cscmon_queue_service_level_ratio{center=\"sh\",queue=\"retail\"} 0.82")
        .contains("cscmon_queue_service_level_ratio_15m{center=\"sh\",queue=\"vip\"} 0.9")
        .contains("cscmon_center_asa_seconds{center=\"sh\"} 12.5")
        .contains("cscmon_topic_offered{center=\"sh\",topic=\"wealth\"} 42.0")
        .contains("# HELP cscmon_queue_service_level_ratio");
  }

  @Test
  void namesRatiosAndRollingViewsConsistently() {
    assertThat(KpiGauges.metricName("abandonment_ratio_15m", "queue"))
        .isEqualTo("cscmon_queue_abandonment_ratio_15m");
    assertThat(KpiGauges.metricName("offered_vs_baseline", "channel"))
        .isEqualTo("cscmon_channel_offered_vs_baseline_ratio");
  }
}
