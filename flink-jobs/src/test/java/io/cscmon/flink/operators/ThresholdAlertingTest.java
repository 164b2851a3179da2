package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static io.cscmon.core.testing.TestTimes.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.Fingerprint;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.rule.RuleTexts;
import io.cscmon.core.testing.TestRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThresholdAlertingTest {

  private KeyedBroadcastOperatorTestHarness<String, KpiSample, Map<String, String>, AlertRecord>
      harness;

  @BeforeEach
  void setUp() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new ThresholdAlerting(
                TestRules.ruleSet(), Duration.ofMinutes(15), AlertTime.DEFAULT_ZONE),
            new Keys.Series(),
            Types.STRING,
            ThresholdAlerting.RULE_FILES);
    // As the job's rules input does: reloads never hold back event time.
    harness.processBroadcastWatermark(Long.MAX_VALUE);
  }

  /** The shipped rule files with {@code from} replaced by {@code to} in service-level.yaml. */
  private static Map<String, String> shippedWith(String from, String to) {
    Map<String, String> files = new TreeMap<>(TestRules.texts().files());
    String text = files.get("service-level.yaml");
    assertThat(text).contains(from);
    files.put("service-level.yaml", text.replace(from, to));
    return files;
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private void minute(int minute, double serviceLevel) throws Exception {
    minute(minute, serviceLevel, 30);
  }

  private void minute(int minute, double serviceLevel, long calls) throws Exception {
    long start = minutesLater(minute);
    harness.processElement(
        new KpiSample(
            TestRules.KPI,
            "sh",
            Labels.QUEUE,
            "retail",
            start,
            start + ONE_MINUTE,
            serviceLevel,
            calls),
        start + ONE_MINUTE - 1);
    harness.processWatermark(start + ONE_MINUTE - 1);
  }

  /** Entries in keyed state (the broadcast harness lacks the one-input harness' count). */
  private int keyedStateEntries() {
    return KeyedStateEntries.of(harness.getOperator());
  }

  private List<Alert> alerts() {
    return harness.extractOutputValues().stream().map(AlertRecord::alert).toList();
  }

  @Test
  void firesAfterTheHoldAndResolvesWithoutLeavingStateOrTimers() throws Exception {
    for (int m = 0; m < 5; m++) {
      minute(m, 0.5);
    }
    assertThat(alerts()).hasSize(1);
    assertThat(alerts().get(0).isFiring()).isTrue();
    assertThat(alerts().get(0).label(Labels.EMERGENCY_LEVEL)).isEqualTo("III");
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    for (int m = 5; m < 10; m++) {
      minute(m, 0.95);
    }
    assertThat(alerts()).hasSize(2);
    assertThat(alerts().get(1).isFiring()).isFalse();
    assertThat(alerts().get(1).endsAt()).isEqualTo(minutesLater(5));
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(keyedStateEntries()).isZero();
  }

  @Test
  void aSeriesThatFallsSilentResolvesOnItsExpiryTimer() throws Exception {
    for (int m = 0; m < 6; m++) {
      minute(m, 0.5);
    }
    assertThat(alerts()).hasSize(1);
    harness.processWatermark(minutesLater(6) + Duration.ofMinutes(15).toMillis());
    assertThat(alerts()).hasSize(2);
    Alert resolved = alerts().get(1);
    assertThat(resolved.isFiring()).isFalse();
    assertThat(resolved.endsAt()).isEqualTo(minutesLater(6));
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(keyedStateEntries()).isZero();
  }

  @Test
  void windowsTooThinToJudgeDoNotKeepAnAlertFiringForever() throws Exception {
    for (int m = 0; m < 6; m++) {
      minute(m, 0.5);
    }
    for (int m = 6; m < 30; m++) {
      minute(m, 0.0, 2);
    }
    assertThat(alerts()).hasSize(2);
    assertThat(alerts().get(1).isFiring()).isFalse();
    assertThat(alerts().get(1).endsAt()).isEqualTo(minutesLater(6));
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(keyedStateEntries()).isZero();
  }

  @Test
  void aWindowPastTheExpiryResolvesFirstEvenBeforeTheWatermarkGetsThere() throws Exception {
    for (int m = 0; m < 6; m++) {
      minute(m, 0.5);
    }
    // The watermark lags (another input is slow): the next window with evidence comes 20 minutes
    // later in event time, before any watermark past the expiry at minute 21.
    long start = minutesLater(26);
    harness.processElement(
        new KpiSample(
            TestRules.KPI, "sh", Labels.QUEUE, "retail", start, start + ONE_MINUTE, 0.5, 30),
        start + ONE_MINUTE - 1);
    assertThat(alerts()).hasSize(2);
    assertThat(alerts().get(1).isFiring()).isFalse();
    assertThat(alerts().get(1).endsAt()).isEqualTo(minutesLater(6));
  }

  @Test
  void healthySeriesKeepNoState() throws Exception {
    for (int m = 0; m < 10; m++) {
      minute(m, 0.92);
    }
    assertThat(alerts()).isEmpty();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(keyedStateEntries()).isZero();
  }

  @Test
  void theEndOfABoundedInputLeavesAFiringAlertFiring() throws Exception {
    for (int m = 0; m < 6; m++) {
      minute(m, 0.5);
    }
    harness.processWatermark(Long.MAX_VALUE);
    assertThat(alerts()).hasSize(1);
  }

  @Test
  void everyAlertNamesTheRuleSetVersionThatDecidedIt() throws Exception {
    for (int m = 0; m < 5; m++) {
      minute(m, 0.5);
    }
    assertThat(alerts().get(0).annotations())
        .containsEntry(ThresholdAlerting.RULES_VERSION, TestRules.ruleSet().version());
    assertThat(alerts().get(0).fingerprint())
        .as("the version is no part of the alert's identity")
        .isEqualTo(Fingerprint.of(alerts().get(0).labels()));
  }

  @Test
  void aReloadChangesTheThresholdsOfTheRunningOperator() throws Exception {
    for (int m = 0; m < 6; m++) {
      minute(m, 0.82);
    }
    assertThat(alerts()).as("82% is above the default 80% of level IV").isEmpty();

    Map<String, String> stricter = shippedWith("IV: {threshold: 0.80", "IV: {threshold: 0.85");
    harness.processBroadcastElement(stricter, minutesLater(6));

    for (int m = 6; m < 12; m++) {
      minute(m, 0.82);
    }
    assertThat(alerts()).hasSize(1);
    Alert fired = alerts().get(0);
    assertThat(fired.label(Labels.EMERGENCY_LEVEL)).isEqualTo("IV");
    assertThat(fired.annotations().get(Labels.THRESHOLD)).isEqualTo("0.8500");
    assertThat(fired.annotations().get(ThresholdAlerting.RULES_VERSION))
        .isEqualTo(new RuleTexts(new TreeMap<>(stricter), "test").version())
        .isNotEqualTo(TestRules.ruleSet().version());
    assertThat(harness.getBroadcastState(ThresholdAlerting.RULE_FILES).entries())
        .extracting(Map.Entry::getKey)
        .containsExactly("service-level.yaml");
  }

  @Test
  void anInvalidReloadKeepsTheRulesThatRun() throws Exception {
    harness.processBroadcastElement(
        shippedWith("threshold: 0.60, severity: warning", "threshold: sixty"), minutesLater(0));
    harness.processBroadcastElement(Map.of(), minutesLater(0));
    for (int m = 0; m < 5; m++) {
      minute(m, 0.5);
    }
    assertThat(alerts()).hasSize(1);
    assertThat(alerts().get(0).label(Labels.EMERGENCY_LEVEL)).isEqualTo("III");
    assertThat(alerts().get(0).annotations().get(ThresholdAlerting.RULES_VERSION))
        .isEqualTo(TestRules.ruleSet().version());
    assertThat(harness.getBroadcastState(ThresholdAlerting.RULE_FILES).entries()).isEmpty();
  }

  @Test
  void theAlertsOfARuleThatIsGoneResolveOnReload() throws Exception {
    for (int m = 0; m < 6; m++) {
      minute(m, 0.5);
    }
    assertThat(alerts()).hasSize(1);
    harness.processBroadcastElement(
        shippedWith("ServiceLevelBreach", "QueueServiceLevelLow").entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    Map.Entry::getKey,
                    e -> e.getValue().replace("#servicelevelbreach", "#queueservicelevellow"))),
        minutesLater(6));
    assertThat(alerts()).hasSize(2);
    Alert resolved = alerts().get(1);
    assertThat(resolved.isFiring()).isFalse();
    assertThat(resolved.alertname()).isEqualTo("ServiceLevelBreach");
    assertThat(resolved.endsAt()).isEqualTo(minutesLater(6));
    assertThat(keyedStateEntries())
        .as("only the expiry timer's bookkeeping is left, until it fires")
        .isEqualTo(2);
  }

  @Test
  void aRestoredOperatorRunsTheRulesItLastAccepted() throws Exception {
    Map<String, String> stricter = shippedWith("IV: {threshold: 0.80", "IV: {threshold: 0.85");
    harness.processBroadcastElement(stricter, minutesLater(0));
    OperatorSubtaskState snapshot = harness.snapshot(1, minutesLater(0));
    harness.close();

    harness =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                new ThresholdAlerting(
                    TestRules.ruleSet(), Duration.ofMinutes(15), AlertTime.DEFAULT_ZONE),
                List.of(ThresholdAlerting.RULE_FILES)),
            new Keys.Series(),
            Types.STRING,
            1,
            1,
            0);
    harness.initializeState(snapshot);
    harness.open();
    harness.processBroadcastWatermark(Long.MAX_VALUE);
    for (int m = 0; m < 5; m++) {
      minute(m, 0.82);
    }
    assertThat(alerts()).hasSize(1);
    assertThat(alerts().get(0).annotations())
        .containsEntry(Labels.THRESHOLD, "0.8500")
        .containsEntry(
            ThresholdAlerting.RULES_VERSION, new RuleTexts(new TreeMap<>(stricter), "").version());
  }
}
