package io.cscmon.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.testing.TestAlerts;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code cscmon_emergency_level{center}} as the NOC wallboard queries it. */
class EmergencyLevelsTest {

  private final Metrics metrics = Metrics.create();

  @AfterEach
  void close() {
    metrics.close();
  }

  private String scrape() {
    return metrics.registry().scrape();
  }

  @Test
  void eachCenterShowsItsMostSevereFiringLevel() {
    metrics
        .alerts()
        .firing(
            List.of(
                TestAlerts.firing(
                    "ServiceLevelBreach", "sh", "retail", "III", TestAlerts.T0, "0.3"),
                TestAlerts.firing("ServiceLevelBreach", "sh", "vip", "I", TestAlerts.T0, "0.05"),
                TestAlerts.firing("PeakLoad", "bj", "retail", "IV", TestAlerts.T0, "1.4"),
                TestAlerts.firing("PeakLoad", "gz", "retail", "none", TestAlerts.T0, "1.2")));
    assertThat(scrape())
        .contains("# TYPE cscmon_emergency_level gauge")
        .contains("cscmon_emergency_level{center=\"sh\"} 4.0")
        .contains("cscmon_emergency_level{center=\"bj\"} 1.0")
        .contains("cscmon_emergency_level{center=\"gz\"} 0.0");

    // The level I alert resolves: sh falls back to III; bj's alerts all resolve: its series stays,
    // at 0.
    metrics
        .alerts()
        .firing(
            List.of(
                TestAlerts.firing(
                    "ServiceLevelBreach", "sh", "retail", "III", TestAlerts.T0, "0.3")));
    assertThat(scrape())
        .contains("cscmon_emergency_level{center=\"sh\"} 2.0")
        .contains("cscmon_emergency_level{center=\"bj\"} 0.0");
  }

  @Test
  void aRisingLevelStartsTheEmergencyActivationProcessAtThatLevel() {
    var iv = TestAlerts.firing("ServiceLevelBreach", "sh", "retail", "IV", TestAlerts.T0, "0.5");
    var ii = TestAlerts.firing("ServiceLevelBreach", "sh", "vip", "II", TestAlerts.T0, "0.1");
    metrics.alerts().firing(List.of(iv));
    metrics.alerts().firing(List.of(iv)); // unchanged: no new activation
    metrics.alerts().firing(List.of(iv, ii)); // IV -> II
    metrics.alerts().firing(List.of(iv)); // falls back to IV: no activation
    metrics.alerts().firing(List.of()); // all clear
    metrics.alerts().firing(List.of(iv)); // IV again: a new activation
    assertThat(scrape())
        .contains("# HELP cscmon_emergency_activations_total Starts of the emergency-activation")
        .contains("# TYPE cscmon_emergency_activations_total counter")
        .contains("cscmon_emergency_activations_total{center=\"sh\",emergency_level=\"IV\"} 2.0")
        .contains("cscmon_emergency_activations_total{center=\"sh\",emergency_level=\"II\"} 1.0")
        .contains("cscmon_emergency_activations_total{center=\"sh\",emergency_level=\"I\"} 0.0")
        .doesNotContain("activations_total{center=\"sh\",emergency_level=\"none\"}");
  }

  @Test
  void levelsGrowWithSeverity() {
    assertThat(List.of("none", "IV", "III", "II", "I", "bogus"))
        .extracting(EmergencyLevels::severity)
        .containsExactly(0, 1, 2, 3, 4, 0);
  }
}
