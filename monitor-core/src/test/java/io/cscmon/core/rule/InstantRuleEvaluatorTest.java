package io.cscmon.core.rule;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertStatus;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.kpi.CallsWaitingNow;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.testing.TestRules;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rules over instant readings ({@link KpiSample#isInstant}): hold 0, hold in event time, clear. */
class InstantRuleEvaluatorTest {

  private final ConditionState state = new ConditionState();

  private static KpiSample reading(long secondsLater, long waiting) {
    return CallsWaitingNow.queue("sh", "retail", BEGINNING + secondsLater * 1000, waiting);
  }

  private static RuleEvaluator rule(String hold, String clearHold) {
    return new RuleEvaluator(TestRules.waitingNow(hold, clearHold).rules().get(0));
  }

  @Test
  void holdZeroFiresOnTheReadingThatBreachesAndStartsAtItsTime() {
    RuleEvaluator evaluator = rule("0s", "0s");
    assertThat(evaluator.observe(state, reading(1, 2))).isEmpty();
    assertThat(evaluator.observe(state, reading(3, 3))).isEmpty(); // at the threshold: no breach
    Alert fired = evaluator.observe(state, reading(7, 4)).orElseThrow();
    assertThat(fired.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(fired.startsAt()).isEqualTo(BEGINNING + 7_000);
    assertThat(fired.labels())
        .containsEntry(Labels.EMERGENCY_LEVEL, "IV")
        .containsEntry(Labels.QUEUE, "retail");
    assertThat(fired.annotations()).containsEntry(Labels.VALUE, "4.0000");

    Alert escalated = evaluator.observe(state, reading(8, 7)).orElseThrow();
    assertThat(escalated.labels()).containsEntry(Labels.EMERGENCY_LEVEL, "III");
    assertThat(escalated.startsAt()).isEqualTo(BEGINNING + 7_000);
    assertThat(escalated.fingerprint()).isEqualTo(fired.fingerprint());

    assertThat(evaluator.observe(state, reading(9, 2))).isEmpty(); // hysteresis: 2 > clear at 1
    Alert resolved = evaluator.observe(state, reading(12, 1)).orElseThrow();
    assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(resolved.endsAt()).isEqualTo(BEGINNING + 12_000);
    assertThat(state.isIdle()).isTrue();
  }

  @Test
  void aHoldIsEventTimeBetweenReadingsAndAKeepAliveWithTheSameValueCompletesIt() {
    RuleEvaluator evaluator = rule("1m", "30s");
    assertThat(evaluator.observe(state, reading(10, 4))).isEmpty();
    assertThat(evaluator.observe(state, reading(40, 5))).isEmpty(); // pending 30 s
    // The producer's keep-alive at the minute's end carries the unchanged value: 50 s, pending.
    assertThat(evaluator.observe(state, reading(60, 5))).isEmpty();
    Optional<Alert> fired = evaluator.observe(state, reading(70, 5)); // 60 s after the breach
    assertThat(fired).isPresent();
    assertThat(fired.get().startsAt()).isEqualTo(BEGINNING + 10_000);

    // Clearing needs 30 s at 1 or fewer; a reading above 1 in between restarts it.
    assertThat(evaluator.observe(state, reading(80, 0))).isEmpty();
    assertThat(evaluator.observe(state, reading(90, 2))).isEmpty();
    assertThat(evaluator.observe(state, reading(100, 1))).isEmpty();
    assertThat(evaluator.observe(state, reading(120, 1))).isEmpty();
    Alert resolved = evaluator.observe(state, reading(130, 1)).orElseThrow();
    assertThat(resolved.endsAt()).isEqualTo(BEGINNING + 100_000);
  }

  @Test
  void aReadingBackBelowTheThresholdBeforeTheHoldRestartsIt() {
    RuleEvaluator evaluator = rule("1m", "0s");
    assertThat(evaluator.observe(state, reading(0, 4))).isEmpty();
    assertThat(evaluator.observe(state, reading(50, 3))).isEmpty();
    assertThat(evaluator.observe(state, reading(55, 4))).isEmpty();
    assertThat(evaluator.observe(state, reading(100, 4))).isEmpty(); // 45 s since 55 s
    assertThat(evaluator.observe(state, reading(115, 4)).orElseThrow().startsAt())
        .isEqualTo(BEGINNING + 55_000);
  }
}
