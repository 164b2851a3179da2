package io.cscmon.core.rule;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static io.cscmon.core.testing.TestTimes.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertStatus;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.testing.TestRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

  private final RuleEvaluator evaluator = new RuleEvaluator(TestRules.serviceLevel());
  private final ConditionState state = new ConditionState();

  private static KpiSample minute(int minute, double serviceLevel) {
    return new KpiSample(
        TestRules.KPI,
        "sh",
        "queue",
        "retail",
        minutesLater(minute),
        minutesLater(minute) + ONE_MINUTE,
        serviceLevel,
        40);
  }

  private List<Alert> feed(double... perMinute) {
    List<Alert> out = new ArrayList<>();
    for (int m = 0; m < perMinute.length; m++) {
      evaluator.observe(state, minute(m, perMinute[m])).ifPresent(out::add);
    }
    return out;
  }

  @Test
  void holdsFiveMinutesBeforeFiringAndStartsWhenTheConditionBecameTrue() {
    assertThat(feed(0.9, 0.7, 0.7, 0.7, 0.7)).isEmpty();
    Optional<Alert> fired = evaluator.observe(state, minute(5, 0.7));
    assertThat(fired).isPresent();
    Alert alert = fired.get();
    assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(alert.startsAt()).isEqualTo(minutesLater(1));
    assertThat(alert.labels())
        .containsEntry(Labels.ALERTNAME, "ServiceLevelBreach")
        .containsEntry(Labels.INCIDENT_TYPE, "service_level")
        .containsEntry(Labels.RISK_CATEGORY, "operational")
        .containsEntry(Labels.EMERGENCY_LEVEL, "IV")
        .containsEntry(Labels.SEVERITY, "warning")
        .containsEntry(Labels.CENTER, "sh")
        .containsEntry(Labels.QUEUE, "retail");
    assertThat(alert.annotations())
        .containsKeys(Labels.SUMMARY, Labels.DESCRIPTION, Labels.RUNBOOK_URL, Labels.PLAN_SECTION)
        .containsEntry(Labels.VALUE, "0.7000")
        .containsEntry(Labels.THRESHOLD, "0.8000");
    assertThat(alert.annotations().get(Labels.SUMMARY)).contains("70.0%").contains("80.0%");
  }

  @Test
  void aGoodMinuteRestartsTheHold() {
    assertThat(feed(0.7, 0.7, 0.7, 0.9, 0.7, 0.7, 0.7, 0.7)).isEmpty();
    assertThat(evaluator.observe(state, minute(8, 0.7))).isPresent();
  }

  @Test
  void escalatesWithTheSameFingerprintAndNeverStepsDown() {
    List<Alert> alerts = feed(0.7, 0.7, 0.7, 0.7, 0.7, 0.5, 0.3, 0.7);
    assertThat(alerts)
        .extracting(a -> a.label(Labels.EMERGENCY_LEVEL))
        .containsExactly("IV", "III", "II");
    assertThat(alerts).extracting(Alert::fingerprint).containsOnly(alerts.get(0).fingerprint());
    assertThat(alerts).extracting(Alert::startsAt).containsOnly(BEGINNING);
    assertThat(alerts.get(2).label(Labels.SEVERITY)).isEqualTo("critical");
  }

  @Test
  void resolvesAfterFiveClearMinutesAtTheStartOfTheClearRun() {
    feed(0.7, 0.7, 0.7, 0.7, 0.7);
    assertThat(evaluator.observe(state, minute(5, 0.82)))
        .as("inside the hysteresis band")
        .isEmpty();
    for (int m = 6; m < 10; m++) {
      assertThat(evaluator.observe(state, minute(m, 0.9))).as("minute %d", m).isEmpty();
    }
    Optional<Alert> resolved = evaluator.observe(state, minute(10, 0.9));
    assertThat(resolved).isPresent();
    assertThat(resolved.get().status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(resolved.get().endsAt()).isEqualTo(minutesLater(6));
    assertThat(resolved.get().startsAt()).isEqualTo(BEGINNING);
    assertThat(resolved.get().annotations()).containsEntry(Labels.VALUE, "0.7000");
    assertThat(state.isIdle()).isTrue();
  }

  @Test
  void aBadMinuteWhileClearingKeepsTheAlertFiring() {
    feed(0.7, 0.7, 0.7, 0.7, 0.7, 0.9, 0.9, 0.9, 0.7, 0.9, 0.9, 0.9, 0.9);
    assertThat(state.isFiring()).isTrue();
    Optional<Alert> resolved = evaluator.observe(state, minute(13, 0.9));
    assertThat(resolved).isPresent();
    assertThat(resolved.get().endsAt()).isEqualTo(minutesLater(9));
  }

  @Test
  void thinWindowsAreNoEvidence() {
    feed(0.7, 0.7, 0.7);
    KpiSample thin =
        new KpiSample(
            TestRules.KPI, "sh", "queue", "retail", minutesLater(3), minutesLater(4), 0.0, 2);
    assertThat(evaluator.observe(state, thin)).isEmpty();
    assertThat(state.pendingSince).isEqualTo(BEGINNING);
  }

  @Test
  void aGapInTheDataBreaksAPendingRun() {
    feed(0.7, 0.7, 0.7);
    evaluator.observe(state, minute(10, 0.7));
    assertThat(state.pendingSince).isEqualTo(minutesLater(10));
  }

  @Test
  void expiryResolvesAFiringAlertAtTheLastWindowWithData() {
    feed(0.7, 0.7, 0.7, 0.7, 0.7);
    Optional<Alert> expired = evaluator.expire(state, "sh", "queue", "retail");
    assertThat(expired).isPresent();
    assertThat(expired.get().endsAt()).isEqualTo(minutesLater(5));
    assertThat(state.isIdle()).isTrue();
  }

  @Test
  void holdsInTextsReadInMinutesWhenWholeElseInSeconds() {
    assertThat(RuleEvaluator.humanDuration(Duration.ofMinutes(5))).isEqualTo("5 min");
    assertThat(RuleEvaluator.humanDuration(Duration.ZERO)).isEqualTo("0 min");
    assertThat(RuleEvaluator.humanDuration(Duration.ofSeconds(30))).isEqualTo("30 s");
    assertThat(RuleEvaluator.humanDuration(Duration.ofSeconds(90))).isEqualTo("90 s");
  }

  /** PeakLoad's five-minute volume against the baseline, on {@code expected} expected calls. */
  private static KpiSample volume(int minute, double ratio, long expected) {
    return new KpiSample(
        "offered_vs_baseline",
        "sh",
        "channel",
        "voice",
        minutesLater(minute),
        minutesLater(minute) + ONE_MINUTE,
        ratio,
        expected);
  }

  @Test
  void aPeakWithinPoissonNoiseOfASmallCentersUsualVolumeBreachesNothing() {
    // PeakLoad: IV at 130%, hold 3 min, poisson_z 5. 140% of 80 expected calls is 32 over them,
    // 3.6 standard deviations (√80 = 8.9): noise at a small center. On 200 expected it is 5.7.
    RuleEvaluator peak = new RuleEvaluator(DefaultRules.named("PeakLoad"));
    ConditionState small = new ConditionState();
    ConditionState large = new ConditionState();
    List<Alert> out = new ArrayList<>();
    for (int m = 0; m < 10; m++) {
      peak.observe(small, volume(m, 1.4, 80)).ifPresent(out::add);
    }
    assertThat(out).isEmpty();
    for (int m = 0; m < 4; m++) {
      peak.observe(large, volume(m, 1.4, 200)).ifPresent(out::add);
    }
    assertThat(out).singleElement().satisfies(a -> assertThat(a.isFiring()).isTrue());
    // A real surge on the small center is well outside the noise: 165% of 80 is 5.8 deviations.
    for (int m = 10; m < 14; m++) {
      peak.observe(small, volume(m, 1.65, 80)).ifPresent(out::add);
    }
    assertThat(out).hasSize(2);
    assertThat(out.get(1).label(Labels.EMERGENCY_LEVEL)).isEqualTo("III");
  }

  @Test
  void aFiringPeakStaysFiringOnWindowsAboveItsClearThresholdThoughWithinNoise() {
    RuleEvaluator peak = new RuleEvaluator(DefaultRules.named("PeakLoad"));
    List<Alert> out = new ArrayList<>();
    for (int m = 0; m < 4; m++) {
      peak.observe(state, volume(m, 1.6, 80)).ifPresent(out::add);
    }
    for (int m = 4; m < 30; m++) {
      peak.observe(state, volume(m, 1.25, 80)).ifPresent(out::add); // above 115%, not significant
    }
    assertThat(out).extracting(Alert::isFiring).containsExactly(true);
  }

  /**
   * The center's service level (all queues pooled, dimension {@code center}) is watched by
   * CenterServiceLevelBreach, whose alert names no queue; the queues' samples are
   * ServiceLevelBreach's alone. A small center's queues each decide too few calls to be judged; the
   * center does not.
   */
  @Test
  void theWholeCentersServiceLevelIsJudgedByItsOwnRuleWithoutAQueueLabel() {
    RuleEvaluator center = new RuleEvaluator(DefaultRules.named("CenterServiceLevelBreach"));
    RuleEvaluator queue = new RuleEvaluator(DefaultRules.named("ServiceLevelBreach"));
    ConditionState perQueue = new ConditionState();
    List<Alert> out = new ArrayList<>();
    for (int m = 0; m <= 30; m++) {
      KpiSample pooled =
          new KpiSample(
              "service_level_15m",
              "sh",
              "center",
              "all",
              minutesLater(m),
              minutesLater(m) + ONE_MINUTE,
              0.2,
              70);
      KpiSample oneQueue =
          new KpiSample(
              "service_level_15m",
              "sh",
              "queue",
              "retail",
              minutesLater(m),
              minutesLater(m) + ONE_MINUTE,
              0.2,
              14);
      assertThat(queue.appliesTo(pooled)).isFalse();
      assertThat(center.appliesTo(oneQueue)).isFalse();
      center.observe(state, pooled).ifPresent(out::add);
      queue.observe(perQueue, oneQueue).ifPresent(out::add);
    }
    assertThat(out)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.alertname()).isEqualTo("CenterServiceLevelBreach");
              assertThat(a.label(Labels.EMERGENCY_LEVEL)).isEqualTo("II");
              assertThat(a.labels())
                  .containsEntry(Labels.CENTER, "sh")
                  .doesNotContainKey(Labels.QUEUE);
              assertThat(a.startsAt()).isEqualTo(BEGINNING);
            });
  }
}
