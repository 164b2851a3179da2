package io.cscmon.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.sim.BusyDay;
import io.cscmon.core.sim.SimulationConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight simulated days of a normal center at the default volume (45 000 contacts a day) through the
 * whole detection job with the default rules: a Sunday to warm up the baselines, then a week from
 * Monday (the busiest day, and one the baseline has not seen) to Sunday with a payday (all volume
 * 30% up, and staffed for) on Wednesday. After the warm-up day no alert of any kind may fire:
 * peaks, service level, topic surges, outages, attacks, emergencies. About 4.3 million events, so
 * tagged {@code slow} ({@code .ci/run} runs it).
 */
@Tag("slow")
class NormalWeekTest {

  @RegisterExtension static final MiniClusterExtension FLINK = JobCluster.twoSlots();

  static final OffsetDateTime SUNDAY = OffsetDateTime.parse("2026-11-22T00:00:00+08:00");

  @TempDir Path dir;

  @Test
  void aNormalWeekRaisesNoAlertAfterTheWarmUpDay() throws Exception {
    SimulationConfig config =
        SimulationConfig.builder()
            .seed(3)
            .start(SUNDAY.toInstant().toEpochMilli())
            .scenario(new BusyDay(Duration.ofDays(3), Duration.ofDays(1), 1.3))
            .build();
    SimulatedReplay replay = SimulatedReplay.run(config, Duration.ofDays(8), dir);

    long warmUpEnd = SUNDAY.plusDays(1).toInstant().toEpochMilli();
    assertThat(
            replay.alerts.stream()
                .filter(a -> a.startsAt() >= warmUpEnd)
                .map(a -> java.time.Instant.ofEpochMilli(a.startsAt()) + " " + a.labels()))
        .as("alerts after the warm-up day")
        .isEmpty();
    assertThat(replay.deadLetters).as("rejected or late lines").isEmpty();
  }
}
