package io.cscmon.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cscmon.core.event.CallPhase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationConfigTest {

  @Test
  void defaults() {
    SimulationConfig c = SimulationConfig.builder().build();
    assertThat(c.callsPerDay()).isEqualTo(45_000);
    assertThat(c.center()).isEqualTo("default");
    assertThat(c.targetServiceLevel()).isEqualTo(0.8);
    assertThat(c.targetAnswerSeconds()).isEqualTo(20);
    assertThat(c.queues())
        .extracting(QueueConfig::name)
        .containsExactly("retail", "credit_card", "wealth", "vip", "complaints");
    assertThat(c.scenarios()).isEmpty();
    // The weighted self-service rate of the default queues is PLAN §三(1)'s 70 %.
    double shares = c.queues().stream().mapToDouble(QueueConfig::share).sum();
    double selfService =
        c.queues().stream().mapToDouble(q -> q.share() * q.selfServiceRate()).sum() / shares;
    assertThat(selfService).isBetween(0.69, 0.71);
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> SimulationConfig.builder().callsPerDay(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulationConfig.builder().queues(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                SimulationConfig.builder()
                    .queues(List.of(QueueConfig.retail(), QueueConfig.retail()))
                    .build())
        .hasMessageContaining("duplicate");
    assertThatThrownBy(
            () -> new QueueConfig("bad\"name", 1, Map.of("balance", 1.0), 0.5, 100, 0.5, 60, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AgentShortage(Duration.ZERO, Duration.ofHours(1), 1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MarketShock(Duration.ofHours(-1), Duration.ofHours(1), 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ComponentOutage(Duration.ZERO, Duration.ZERO, "ivr"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCenterWithOneCustomQueueAndAConfiguredCenterName() {
    QueueConfig card =
        new QueueConfig(
            "cards", 1, Map.of("card_loss", 1.0, "fraud_report", 1.0), 0.3, 200, 0.5, 60, 1);
    SimulationConfig c =
        SimulationConfig.builder()
            .seed(4)
            .start(SimRun.THURSDAY)
            .center("shenzhen")
            .callsPerDay(5_000)
            .queues(List.of(card))
            .onlineLoginsPerDay(0)
            .accessRequestsPerDay(0)
            .build();
    SimRun run = SimRun.run(c, Duration.ofHours(12));
    assertThat(run.events).allSatisfy(e -> assertThat(e.center()).isEqualTo("shenzhen"));
    assertThat(run.calls(CallPhase.QUEUED, 0, 12))
        .allSatisfy(e -> assertThat(e.queue()).isEqualTo("cards"));
    assertThat(run.calls(CallPhase.ARRIVED, 0, 12)).isNotEmpty();
  }

  @Test
  void newScenariosSlotInThroughTheHooks() {
    // A scenario written outside the package: complaints triple after a service failure.
    Scenario complaintWave =
        new Scenario() {
          @Override
          public Duration startOffset() {
            return Duration.ofHours(10);
          }

          @Override
          public Duration duration() {
            return Duration.ofHours(1);
          }

          @Override
          public double intensity() {
            return 3;
          }

          @Override
          public double arrivalMultiplier(String queue, String topic, long elapsedMs) {
            return "complaint".equals(topic) ? 3 : 1;
          }

          @Override
          public double maxArrivalMultiplier(String queue, String topic) {
            return "complaint".equals(topic) ? 3 : 1;
          }
        };
    SimulationConfig base = SimulationConfig.builder().seed(8).start(SimRun.THURSDAY).build();
    SimRun with =
        SimRun.run(base.toBuilder().scenario(complaintWave).build(), Duration.ofHours(11));
    SimRun without = SimRun.run(base, Duration.ofHours(11));
    int w = with.calls(CallPhase.ARRIVED, 10, 11, e -> e.topic().equals("complaint")).size();
    int wo = without.calls(CallPhase.ARRIVED, 10, 11, e -> e.topic().equals("complaint")).size();
    assertThat(w).isGreaterThan(2 * wo);
    assertThat(complaintWave.name()).isNotBlank();
  }
}
