package io.cscmon.core.manager;

import static io.cscmon.core.testing.TestAlerts.T0;
import static io.cscmon.core.testing.TestAlerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertStatus;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.metrics.AlertMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertManagerTest {

  private static final String GROUP = "{}:{alertname=\"ServiceLevelBreach\", center=\"sh\"}";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RecordingNotifier oncall = new RecordingNotifier("oncall");
  private final RecordingNotifier ticket = new RecordingNotifier("ticket");
  private final AlertManager manager =
      new AlertManager(
          new AlertMetrics(registry),
          new GroupingDispatcher(List.of(oncall, ticket), "http://cscmon.test"));

  @AfterEach
  void close() {
    registry.close();
  }

  private double firingGauge() {
    return registry.get("cscmon.alerts.firing").gauge().value();
  }

  private double byRisk(String level) {
    return registry
        .get("cscmon.alerts.firing.by.risk")
        .tag(Labels.RISK_CATEGORY, "operational")
        .tag(Labels.EMERGENCY_LEVEL, level)
        .gauge()
        .value();
  }

  @Test
  void firstFiringNotifiesEveryReceiverWithTheGroupKey() {
    Alert alert = firing("retail", "II", T0);
    manager.receive(alert);

    assertThat(oncall.messages()).hasSize(1);
    WebhookMessage m = oncall.last();
    assertThat(m.receiver()).isEqualTo("oncall");
    assertThat(m.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(m.groupKey()).isEqualTo(GROUP);
    assertThat(m.groupLabels())
        .isEqualTo(Map.of("alertname", "ServiceLevelBreach", "center", "sh"));
    assertThat(m.alerts()).containsExactly(alert);
    assertThat(m.externalURL()).isEqualTo("http://cscmon.test");
    assertThat(ticket.messages()).hasSize(1);
    assertThat(ticket.last().receiver()).isEqualTo("ticket");
    assertThat(manager.active()).containsExactly(alert);
    assertThat(firingGauge()).isEqualTo(1);
    assertThat(byRisk("II")).isEqualTo(1);
  }

  @Test
  void identicalRepeatIsNotNotifiedAgain() {
    manager.receive(firing("retail", "II", T0));
    manager.receive(firing("retail", "II", T0));

    assertThat(oncall.messages()).hasSize(1);
    assertThat(manager.active()).hasSize(1);
  }

  @Test
  void escalationNotifiesAgainAndReplacesTheState() {
    manager.receive(firing("retail", "III", T0));
    Alert escalated = firing("retail", "I", T0);
    manager.receive(escalated);

    assertThat(oncall.messages()).hasSize(2);
    assertThat(oncall.last().alerts()).containsExactly(escalated);
    assertThat(oncall.last().commonLabels()).containsEntry(Labels.EMERGENCY_LEVEL, "I");
    assertThat(manager.active()).containsExactly(escalated);
    assertThat(firingGauge()).isEqualTo(1);
    assertThat(byRisk("III")).isZero();
    assertThat(byRisk("I")).isEqualTo(1);
  }

  @Test
  void annotationOnlyChangeUpdatesStateSilently() {
    manager.receive(firing("ServiceLevelBreach", "sh", "retail", "II", T0, "0.62"));
    Alert newer = firing("ServiceLevelBreach", "sh", "retail", "II", T0, "0.55");
    manager.receive(newer);

    assertThat(oncall.messages()).hasSize(1);
    assertThat(manager.active()).containsExactly(newer);
  }

  @Test
  void resolvedNotifiesAndLeavesTheActiveList() {
    Alert alert = firing("retail", "II", T0);
    manager.receive(alert);
    Alert resolved = alert.resolved(T0 + 300_000, alert.annotations());
    manager.receive(resolved);
    manager.receive(resolved);

    assertThat(oncall.messages()).hasSize(2);
    assertThat(oncall.last().status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(oncall.last().alerts()).containsExactly(resolved);
    assertThat(manager.active()).isEmpty();
    assertThat(manager.all()).containsExactly(resolved);
    assertThat(firingGauge()).isZero();
    assertThat(byRisk("II")).isZero();
  }

  @Test
  void groupStaysFiringUntilItsLastAlertResolves() {
    Alert retail = firing("retail", "II", T0);
    Alert vip = firing("vip", "II", T0 + 1000);
    Alert otherCenter = firing("ServiceLevelBreach", "bj", "retail", "II", T0, "0.6");
    manager.receive(retail);
    manager.receive(vip);
    manager.receive(otherCenter);

    assertThat(oncall.messages().get(1).alerts()).containsExactly(retail, vip);
    assertThat(oncall.last().groupKey())
        .isEqualTo("{}:{alertname=\"ServiceLevelBreach\", center=\"bj\"}");
    assertThat(oncall.last().alerts()).containsExactly(otherCenter);

    Alert retailResolved = retail.resolved(T0 + 60_000, retail.annotations());
    manager.receive(retailResolved);
    assertThat(oncall.last().groupKey()).isEqualTo(GROUP);
    assertThat(oncall.last().status()).isEqualTo(AlertStatus.FIRING);
    assertThat(oncall.last().alerts()).containsExactly(retailResolved, vip);

    Alert vipResolved = vip.resolved(T0 + 120_000, vip.annotations());
    manager.receive(vipResolved);
    assertThat(oncall.last().status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(oncall.last().alerts()).containsExactly(vipResolved);
    assertThat(firingGauge()).isEqualTo(1);
  }

  @Test
  void lateFiringOfAResolvedEpisodeIsIgnoredButANewEpisodeFires() {
    Alert alert = firing("retail", "II", T0);
    manager.receive(alert);
    manager.receive(alert.resolved(T0 + 60_000, alert.annotations()));
    manager.receive(firing("retail", "I", T0)); // escalation of the ended episode, arriving late

    assertThat(oncall.messages()).hasSize(2);
    assertThat(manager.active()).isEmpty();

    Alert again = firing("retail", "II", T0 + 600_000);
    manager.receive(again);
    assertThat(oncall.messages()).hasSize(3);
    assertThat(oncall.last().status()).isEqualTo(AlertStatus.FIRING);
    assertThat(manager.active()).containsExactly(again);
    assertThat(manager.all()).containsExactly(again);
  }

  @Test
  void activeIsNewestFirstAndAllAppendsResolvedLatestFirst() {
    Alert a = firing("a", "II", T0);
    Alert b = firing("b", "II", T0 + 2000);
    Alert c = firing("c", "II", T0 + 1000);
    Alert d = firing("d", "IV", T0);
    Alert e = firing("e", "IV", T0);
    for (Alert x : List.of(a, b, c, d, e)) {
      manager.receive(x);
    }
    Alert dEnd = d.resolved(T0 + 9000, d.annotations());
    Alert eEnd = e.resolved(T0 + 5000, e.annotations());
    manager.receive(eEnd);
    manager.receive(dEnd);

    assertThat(manager.active()).containsExactly(b, c, a);
    assertThat(manager.all()).containsExactly(b, c, a, dEnd, eEnd);
  }

  @Test
  void resolvedHistoryIsBounded() {
    AlertManager small =
        new AlertManager(
            new AlertMetrics(new SimpleMeterRegistry()), NotificationDispatcher.NONE, 2);
    List<Alert> resolved = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Alert alert = firing("q" + i, "IV", T0);
      small.receive(alert);
      Alert end = alert.resolved(T0 + 1000 + i, alert.annotations());
      small.receive(end);
      resolved.add(end);
    }
    assertThat(small.all()).containsExactly(resolved.get(2), resolved.get(1));
  }

  @Test
  void concurrentReceiversLoseNothing() throws Exception {
    int threads = 8;
    int perThread = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    manager.receive(firing("q" + thread + "-" + i, "III", T0 + i));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(manager.active()).hasSize(threads * perThread);
    assertThat(firingGauge()).isEqualTo(threads * perThread);
    assertThat(oncall.messages()).hasSize(threads * perThread);
    assertThat(oncall.last().alerts()).hasSize(threads * perThread);
  }
}
