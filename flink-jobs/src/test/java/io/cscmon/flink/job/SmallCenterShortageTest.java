package io.cscmon.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.sim.AgentShortage;
import io.cscmon.core.sim.SimulationConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small center (15,000 contacts a day) loses 60% of its agents for an hour at 11:00. Its queues
 * decide a few dozen calls in 15 minutes, most under the 30 a queue's service level needs to be
 * judged: only the largest pages, at IV, and on a second day of this size nothing paged at all. The
 * whole center's service level is judged and pages level II within the hour, without a queue label.
 */
class SmallCenterShortageTest {

  @RegisterExtension static final MiniClusterExtension FLINK = JobCluster.twoSlots();

  @TempDir Path dir;

  @Test
  void aSmallCentersShortagePagesTheWholeCentersServiceLevel() throws Exception {
    long start = OffsetDateTime.parse("2026-11-23T08:00:00+08:00").toInstant().toEpochMilli();
    SimulationConfig config =
        SimulationConfig.builder()
            .seed(7)
            .start(start)
            .callsPerDay(15_000)
            .scenario(new AgentShortage(Duration.ofHours(3), Duration.ofHours(1), 0.6))
            .build();
    SimulatedReplay replay = SimulatedReplay.run(config, Duration.ofHours(6), dir);

    long shortageStart = start + Duration.ofHours(3).toMillis();
    assertThat(replay.alerts)
        .filteredOn(Alert::isFiring)
        .filteredOn(a -> "CenterServiceLevelBreach".equals(a.alertname()))
        .isNotEmpty()
        .allSatisfy(
            a -> {
              assertThat(a.startsAt()).isBetween(shortageStart, shortageStart + 3_600_000L);
              assertThat(a.labels()).doesNotContainKey(Labels.QUEUE);
            });
    // Only the largest queue has the evidence, and it pages IV: the small queues, whose callers
    // fared worst, are not judged. The center pages II.
    assertThat(mostSevere(replay, "CenterServiceLevelBreach")).isEqualTo(EmergencyLevel.II);
    assertThat(mostSevere(replay, "ServiceLevelBreach")).isEqualTo(EmergencyLevel.IV);
  }

  private static EmergencyLevel mostSevere(SimulatedReplay replay, String alertname) {
    return replay.alerts.stream()
        .filter(Alert::isFiring)
        .filter(a -> alertname.equals(a.alertname()))
        .map(a -> EmergencyLevel.fromLabel(a.label(Labels.EMERGENCY_LEVEL)))
        .reduce((a, b) -> a.moreSevereThan(b) ? a : b)
        .orElseThrow();
  }
}
