package io.cscmon.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.sim.CreditEvent;
import io.cscmon.core.sim.ExpectedIncident;
import io.cscmon.core.sim.MarketShock;
import io.cscmon.core.sim.Scenario;
import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.VolumeSurge;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's "done when": market and credit incidents of the simulator, after a warm-up day, are
 * detected within five minutes of their event time with the label file's incident type, risk
 * category and scope labels, and the emergency level the rule thresholds give their intensity (4x
 * is at least level III of the topic-surge rules, 6x at least II). On a Monday, the day the warm-up
 * Sunday's baseline has not seen. A plain peak (a 2.5x wave of voice calls) is detected the same
 * way as PeakLoad, operational, on the voice channel, and raises no market or credit alert. Tagged
 * {@code slow} (two simulated days through the whole job).
 */
@Tag("slow")
class TopicSurgeDetectionTest {

  @RegisterExtension static final MiniClusterExtension FLINK = JobCluster.twoSlots();

  static final OffsetDateTime SUNDAY = OffsetDateTime.parse("2026-11-22T00:00:00+08:00");
  static final long FIVE_MINUTES = 5 * 60_000L;

  @TempDir Path dir;

  @Test
  void marketAndCreditIncidentsAreDetectedWithinFiveMinutesWithTheirLabelsAndLevel()
      throws Exception {
    Scenario market =
        new MarketShock(Duration.ofHours(24 + 10), Duration.ofHours(1), 4); // Monday 10:00
    Scenario credit = new CreditEvent(Duration.ofHours(24 + 15), Duration.ofHours(1), 6);
    // An unplanned wave of voice calls (every topic x2.5) at 12:30, between the two.
    Scenario peak =
        new VolumeSurge(Duration.ofHours(24 + 12).plusMinutes(30), Duration.ofHours(1), 2.5);
    SimulationConfig config =
        SimulationConfig.builder()
            .seed(5)
            .start(SUNDAY.toInstant().toEpochMilli())
            .scenario(market)
            .scenario(credit)
            .scenario(peak)
            .build();
    SimulatedReplay replay = SimulatedReplay.run(config, Duration.ofHours(24 + 17), dir);

    assertDetected(replay.alerts, config, market, EmergencyLevel.III);
    assertDetected(replay.alerts, config, credit, EmergencyLevel.II);
    // PeakLoad (alert-rules/rules/volume.yaml) compares the channel's last five minutes with its
    // baseline for the time of day, scaled by how busy the day runs. 2.5 times the usual voice
    // calls, plus the callbacks of the callers an unstaffed wave loses, is level II (>= 2.0) and
    // stays below I (3.0): with this seed a 3x wave reached 302.7%, level I.
    EmergencyLevel peakLevel = assertDetected(replay.alerts, config, peak, EmergencyLevel.II);
    assertThat(peakLevel).as("PeakLoad level of a 2.5x voice surge").isEqualTo(EmergencyLevel.II);
    long peakStart = config.start() + peak.startOffset().toMillis();
    long peakEnd = peakStart + peak.duration().toMillis();
    assertThat(
            replay.alerts.stream()
                .filter(Alert::isFiring)
                .filter(a -> "PeakLoad".equals(a.alertname()))
                .filter(a -> a.startsAt() >= peakStart && a.startsAt() < peakEnd)
                .map(a -> EmergencyLevel.fromLabel(a.label(Labels.EMERGENCY_LEVEL))))
        .as("PeakLoad levels during the whole wave, not only its first five minutes")
        .isNotEmpty()
        .allMatch(l -> !l.moreSevereThan(EmergencyLevel.II));
    // Every topic of the wave rises with it, wealth and credit cards too: judged against their own
    // baselines alone they paged MarketTopicSurge and CreditTopicSurge (GeneralSurge).
    assertThat(replay.alerts)
        .as("a plain peak raises no market or credit alert")
        .filteredOn(Alert::isFiring)
        .filteredOn(a -> "topic_surge".equals(a.label(Labels.INCIDENT_TYPE)))
        .filteredOn(a -> a.startsAt() >= peakStart && a.startsAt() < peakEnd)
        .isEmpty();
  }

  /**
   * Without a warm-up day (a replay of one recorded day, a new center): no baseline knows the hour
   * yet, and the topics' and channels' shares of the center's calls show the same incidents
   * (TopicMix).
   */
  @Test
  void onTheFirstDayMarketAndCreditIncidentsAndPeaksAreDetectedAgainstTheCentersMix()
      throws Exception {
    Scenario market = new MarketShock(Duration.ofHours(10), Duration.ofHours(1), 4);
    Scenario peak = new VolumeSurge(Duration.ofHours(12).plusMinutes(30), Duration.ofHours(1), 2.5);
    Scenario credit = new CreditEvent(Duration.ofHours(15), Duration.ofHours(1), 6);
    SimulationConfig config =
        SimulationConfig.builder()
            .seed(5)
            .start(SUNDAY.plusDays(1).toInstant().toEpochMilli())
            .scenario(market)
            .scenario(peak)
            .scenario(credit)
            .build();
    SimulatedReplay replay = SimulatedReplay.run(config, Duration.ofHours(17), dir);

    assertDetected(replay.alerts, config, market, EmergencyLevel.III);
    // A wave of voice calls moves voice's share of the center's calls: PeakLoad on its first day,
    // which read nothing before; and no other channel reads as a peak after the wave.
    assertDetected(replay.alerts, config, peak, EmergencyLevel.III);
    assertThat(replay.alerts)
        .as("PeakLoad only for the wave's channel")
        .filteredOn(Alert::isFiring)
        .filteredOn(a -> "PeakLoad".equals(a.alertname()))
        .allMatch(a -> "voice".equals(a.label(Labels.CHANNEL)));
    assertDetected(replay.alerts, config, credit, EmergencyLevel.IV);
    long firstIncident = config.start() + market.startOffset().toMillis();
    assertThat(replay.alerts)
        .as("no topic surge before the first incident")
        .filteredOn(a -> "topic_surge".equals(a.label(Labels.INCIDENT_TYPE)))
        .allMatch(a -> a.startsAt() >= firstIncident);
  }

  /** Asserts the detection and returns the highest emergency level of the matching alerts. */
  private static EmergencyLevel assertDetected(
      List<Alert> alerts, SimulationConfig config, Scenario scenario, EmergencyLevel level) {
    ExpectedIncident expected = scenario.expected();
    long start = config.start() + scenario.startOffset().toMillis();
    List<Alert> matching =
        alerts.stream()
            .filter(Alert::isFiring)
            .filter(a -> expected.incidentType().equals(a.label(Labels.INCIDENT_TYPE)))
            .filter(a -> expected.riskCategory().equals(a.label(Labels.RISK_CATEGORY)))
            .filter(a -> a.startsAt() >= start && a.startsAt() <= start + FIVE_MINUTES)
            .filter(a -> inScope(a, expected.scope()))
            .toList();
    assertThat(matching)
        .as(
            "%s: %s within 5 minutes of %s; alerts: %s",
            scenario.kind(),
            expected,
            java.time.Instant.ofEpochMilli(start),
            alerts.stream()
                .filter(Alert::isFiring)
                .map(a -> java.time.Instant.ofEpochMilli(a.startsAt()) + " " + a.labels())
                .toList())
        .isNotEmpty();
    EmergencyLevel highest =
        matching.stream()
            .map(a -> EmergencyLevel.fromLabel(a.label(Labels.EMERGENCY_LEVEL)))
            .max(Enum::compareTo)
            .orElseThrow();
    long delay = matching.stream().mapToLong(Alert::startsAt).min().orElseThrow() - start;
    System.out.printf(
        "%s: detected %d s after its start, level %s, %s%n",
        scenario.kind(), delay / 1000, highest, matching.get(0).labels());
    assertThat(highest)
        .as("%s: the level its intensity reaches", scenario.kind())
        .isGreaterThanOrEqualTo(level);
    return highest;
  }

  private static boolean inScope(Alert alert, Map<String, List<String>> scope) {
    return scope.entrySet().stream().allMatch(e -> e.getValue().contains(alert.label(e.getKey())));
  }
}
