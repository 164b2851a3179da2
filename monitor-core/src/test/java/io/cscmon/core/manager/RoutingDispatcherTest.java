package io.cscmon.core.manager;

import static io.cscmon.core.testing.TestAlerts.T0;
import static io.cscmon.core.testing.TestAlerts.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertStatus;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.metrics.AlertMetrics;
import io.cscmon.core.notify.Notifier;
import io.cscmon.core.testing.FakeClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Grouping, routing, inhibition, silences, time intervals and escalation, on a fake clock. */
class RoutingDispatcherTest {

  private static final String GROUP = "{}:{alertname=\"ServiceLevelBreach\", center=\"sh\"}";

  /** Friday 2026-11-27 10:00 in Shanghai. */
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-27T02:00:00Z"));

  private final Silences silences = new Silences(clock);
  private final Acks acks = new Acks(clock);
  private final Map<String, RecordingNotifier> notifiers = new HashMap<>();
  private RoutingDispatcher dispatcher;
  private AlertManager manager;

  private RecordingNotifier receiver(String name) {
    return notifiers.computeIfAbsent(name, RecordingNotifier::new);
  }

  private void configure(RoutingConfig config) {
    Map<String, List<Notifier>> byName = new HashMap<>();
    for (String name : config.receivers()) {
      byName.put(name, List.of(receiver(name)));
    }
    dispatcher = new RoutingDispatcher(config, byName, silences, acks, clock, "http://cscmon.test");
    manager = new AlertManager(new AlertMetrics(new SimpleMeterRegistry()), dispatcher);
  }

  private void configure(Route.Spec route) {
    configure(config(route, Map.of(), List.of()));
  }

  /** No inhibit rules, root-cause inhibition on, the default urgent levels. */
  private static RoutingConfig config(
      Route.Spec route,
      Map<String, List<TimeInterval>> timeIntervals,
      List<EscalationPolicy> escalations) {
    return new RoutingConfig(
        route, List.of(), true, timeIntervals, escalations, RoutingConfig.DEFAULT_URGENT);
  }

  private void after(Duration d) {
    clock.advance(d);
    dispatcher.tick();
  }

  private static Alert resolved(Alert a) {
    return a.resolved(a.startsAt() + 600_000, a.annotations());
  }

  private static Alert alert(String name, Map<String, String> extra) {
    Map<String, String> labels = new TreeMap<>(firing("retail", "III", T0).labels());
    labels.put(Labels.ALERTNAME, name);
    labels.putAll(extra);
    return Alert.firing(labels, Map.of(Labels.SUMMARY, name), T0, "");
  }

  @Test
  void groupWaitCollectsAlertsIntoOneFirstNotification() {
    configure(Route.Spec.to("oncall"));
    RecordingNotifier oncall = receiver("oncall");
    Alert retail = firing("retail", "III", T0);
    Alert vip = firing("vip", "III", T0 + 1000);

    manager.receive(retail);
    after(Duration.ofSeconds(10));
    manager.receive(vip);
    after(Duration.ofSeconds(19));
    assertThat(oncall.messages()).isEmpty();

    after(Duration.ofSeconds(1)); // 30 s after the first alert
    assertThat(oncall.messages()).hasSize(1);
    WebhookMessage m = oncall.last();
    assertThat(m.groupKey()).isEqualTo(GROUP);
    assertThat(m.alerts()).containsExactly(retail, vip);
    assertThat(m.status()).isEqualTo(AlertStatus.FIRING);
  }

  @Test
  void laterChangesWaitForGroupIntervalAndNothingNewMeansNoMessage() {
    configure(Route.Spec.to("oncall"));
    RecordingNotifier oncall = receiver("oncall");
    Alert retail = firing("retail", "III", T0);
    manager.receive(retail);
    after(Duration.ofSeconds(30));
    assertThat(oncall.messages()).hasSize(1);

    after(Duration.ofMinutes(5)); // nothing changed: nothing sent
    assertThat(oncall.messages()).hasSize(1);

    Alert vip = firing("vip", "IV", T0 + 1000);
    manager.receive(vip);
    after(Duration.ofMinutes(4));
    assertThat(oncall.messages()).hasSize(1);
    after(Duration.ofMinutes(1)); // the next group_interval tick
    assertThat(oncall.messages()).hasSize(2);
    assertThat(oncall.last().alerts()).containsExactly(retail, vip);

    manager.receive(resolved(retail));
    after(Duration.ofMinutes(5));
    assertThat(oncall.messages()).hasSize(3);
    assertThat(oncall.last().status()).isEqualTo(AlertStatus.FIRING);
    assertThat(oncall.last().alerts()).containsExactly(resolved(retail), vip);

    manager.receive(resolved(vip));
    after(Duration.ofMinutes(5));
    assertThat(oncall.last().status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(oncall.last().alerts()).containsExactly(resolved(vip));
    after(Duration.ofHours(5));
    assertThat(oncall.messages()).hasSize(4);
  }

  @Test
  void repeatIntervalRemindsOfWhatStillFires() {
    configure(Route.Spec.to("oncall"));
    RecordingNotifier oncall = receiver("oncall");
    manager.receive(firing("retail", "III", T0));
    after(Duration.ofSeconds(30));
    for (int i = 0; i < 47; i++) {
      after(Duration.ofMinutes(5)); // 3 h 55 min
    }
    assertThat(oncall.messages()).hasSize(1);
    after(Duration.ofMinutes(5)); // 4 h since the last notification
    assertThat(oncall.messages()).hasSize(2);
    assertThat(oncall.last().alerts()).hasSize(1);
  }

  @Test
  void urgentLevelsNotifyAtOnceIncludingARaise() {
    configure(Route.Spec.to("oncall"));
    RecordingNotifier oncall = receiver("oncall");
    manager.receive(firing("retail", "I", T0));
    assertThat(oncall.messages()).hasSize(1); // no group_wait for level I

    manager.receive(firing("vip", "III", T0));
    assertThat(oncall.messages()).hasSize(1); // a level III joins at the next interval

    manager.receive(firing("vip", "II", T0)); // raised to II: at once
    assertThat(oncall.messages()).hasSize(2);
    assertThat(oncall.last().alerts())
        .extracting(a -> a.label(Labels.EMERGENCY_LEVEL))
        .containsExactlyInAnyOrder("I", "II");
  }

  @Test
  void levelChangeBelowUrgentIsNotifiedAtTheNextInterval() {
    configure(Route.Spec.to("oncall"));
    RecordingNotifier oncall = receiver("oncall");
    manager.receive(firing("retail", "IV", T0));
    after(Duration.ofSeconds(30));
    manager.receive(firing("retail", "III", T0));
    after(Duration.ofMinutes(5));
    assertThat(oncall.messages()).hasSize(2);
    assertThat(oncall.last().commonLabels()).containsEntry(Labels.EMERGENCY_LEVEL, "III");
  }

  @Test
  void routingTreeMatchesDepthFirstAndContinueSendsToLaterSiblingsToo() {
    Route.Spec tree =
        Route.Spec.to("oncall")
            .withTimings(Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4))
            .withRoutes(
                Route.Spec.to("security", Matcher.equal(Labels.INCIDENT_TYPE, "attack"))
                    .withGroupBy("alertname", "center", "source"),
                Route.Spec.to("management", Matcher.regex(Labels.EMERGENCY_LEVEL, "I|II"))
                    .withContinue(),
                Route.Spec.to("noc", Matcher.equal(Labels.RISK_CATEGORY, "technical")),
                Route.Spec.to("business", Matcher.parse("risk_category=~\"operational|market\"")));
    configure(tree);

    manager.receive(firing("retail", "II", T0)); // operational, level II
    manager.receive(alert("Tdos", Map.of(Labels.INCIDENT_TYPE, "attack", "source", "+8621")));
    manager.receive(alert("VoiceGatewayDown", Map.of(Labels.RISK_CATEGORY, "technical")));
    manager.receive(alert("Other", Map.of(Labels.RISK_CATEGORY, "credit")));

    assertThat(receiver("management").last().groupKey())
        .isEqualTo(
            "{}/{emergency_level=~\"I|II\"}:{alertname=\"ServiceLevelBreach\", center=\"sh\"}");
    assertThat(receiver("business").last().groupKey())
        .startsWith("{}/{risk_category=~\"operational|market\"}:");
    assertThat(receiver("business").last().alerts()).hasSize(1);
    assertThat(receiver("security").last().groupLabels())
        .isEqualTo(Map.of("alertname", "Tdos", "center", "sh", "source", "+8621"));
    assertThat(receiver("noc").last().alerts().get(0).alertname()).isEqualTo("VoiceGatewayDown");
    assertThat(receiver("oncall").messages()).hasSize(1);
    assertThat(receiver("oncall").last().alerts().get(0).alertname()).isEqualTo("Other");
    assertThat(receiver("oncall").last().groupKey())
        .isEqualTo("{}:{alertname=\"Other\", center=\"sh\"}");
    assertThat(receiver("management").messages()).hasSize(1);
    assertThat(receiver("noc").messages()).hasSize(1);
  }

  private static Alert emergency(String risk, String level) {
    return Alert.firing(
        Map.of(
            Labels.ALERTNAME, "EmergencyActivation",
            Labels.INCIDENT_TYPE, "emergency",
            Labels.CENTER, "sh",
            Labels.RISK_CATEGORY, risk,
            Labels.EMERGENCY_LEVEL, level,
            Labels.SEVERITY, "critical"),
        Map.of(Labels.SUMMARY, "level " + level),
        T0,
        "");
  }

  /**
   * The same alert (one fingerprint) whose risk changes moves from the noc's route to the business
   * route: the noc is told it resolved there and hears no more repeats of the old state.
   */
  @Test
  void anAlertWhoseLabelsMoveItToAnotherRouteResolvesOnTheOldOne() {
    configure(
        Route.Spec.to("oncall")
            .withTimings(Duration.ZERO, Duration.ofMinutes(2), Duration.ofMinutes(2))
            .withRoutes(
                Route.Spec.to("noc", Matcher.equal(Labels.RISK_CATEGORY, "technical")),
                Route.Spec.to("business", Matcher.equal(Labels.RISK_CATEGORY, "operational"))));
    Alert technical = emergency("technical", "III");
    manager.receive(technical);
    after(Duration.ofSeconds(1));
    assertThat(receiver("noc").messages()).hasSize(1);

    Alert operational = emergency("operational", "I");
    assertThat(operational.fingerprint()).isEqualTo(technical.fingerprint());
    manager.receive(operational);
    after(Duration.ofMinutes(2));

    assertThat(receiver("business").last().alerts()).containsExactly(operational);
    WebhookMessage moved = receiver("noc").last();
    assertThat(receiver("noc").messages()).hasSize(2);
    assertThat(moved.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(moved.alerts().get(0).fingerprint()).isEqualTo(technical.fingerprint());
    assertThat(moved.alerts().get(0).annotations()).containsKey("moved");
    after(Duration.ofMinutes(10)); // repeat intervals pass: the noc hears nothing more of it
    assertThat(receiver("noc").messages()).hasSize(2);
    assertThat(receiver("business").messages()).hasSizeGreaterThan(1); // still repeated there
  }

  @Test
  void groupByAllMakesEveryAlertItsOwnGroup() {
    configure(
        Route.Spec.to("oncall")
            .withGroupBy(Route.GROUP_BY_ALL)
            .withTimings(Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4)));
    manager.receive(firing("retail", "III", T0));
    manager.receive(firing("vip", "III", T0));
    assertThat(receiver("oncall").messages()).hasSize(2);
    assertThat(receiver("oncall").last().groupLabels()).containsEntry(Labels.QUEUE, "vip");
  }

  @Test
  void inhibitRuleMutesTargetsWithEqualLabelsWhileTheSourceFires() {
    InhibitRule rule =
        new InhibitRule(
            List.of(Matcher.equal(Labels.SEVERITY, "critical")),
            List.of(Matcher.equal(Labels.SEVERITY, "warning")),
            List.of(Labels.CENTER));
    configure(
        new RoutingConfig(
            Route.Spec.to("oncall").withGroupBy(Route.GROUP_BY_ALL),
            List.of(rule),
            false,
            Map.of(),
            List.of(),
            Set.of()));
    RecordingNotifier oncall = receiver("oncall");
    Alert critical = firing("retail", "I", T0); // severity critical
    Alert warning = firing("vip", "III", T0); // severity warning, same center
    Alert otherCenter = firing("ServiceLevelBreach", "bj", "vip", "III", T0, "0.7");
    manager.receive(critical);
    manager.receive(warning);
    manager.receive(otherCenter);
    after(Duration.ofSeconds(30));

    assertThat(oncall.messages())
        .flatExtracting(WebhookMessage::alerts)
        .containsExactlyInAnyOrder(critical, otherCenter);
    assertThat(dispatcher.mutedBy(warning)).containsExactly("inhibited");

    manager.receive(resolved(critical));
    after(Duration.ofMinutes(5));
    assertThat(oncall.messages()).flatExtracting(WebhookMessage::alerts).contains(warning);
  }

  @Test
  void rootCauseTiesMuteTheSymptomsOfAFiringComponent() {
    configure(RoutingConfig.to("oncall"));
    RecordingNotifier oncall = receiver("oncall");
    Alert cause =
        alert(
            "ComponentDown", Map.of(Labels.COMPONENT, "core_banking", Labels.SEVERITY, "critical"));
    Alert symptom =
        alert("IvrSelfServiceDrop", Map.of(Labels.COMPONENT, "ivr", "root_cause", "core_banking"));
    Alert unrelated =
        alert("IvrLatency", Map.of(Labels.COMPONENT, "ivr", "root_cause", "database"));
    manager.receive(cause);
    manager.receive(symptom);
    manager.receive(unrelated);
    after(Duration.ofSeconds(30));

    assertThat(oncall.messages())
        .flatExtracting(WebhookMessage::alerts)
        .containsExactlyInAnyOrder(cause, unrelated);
  }

  @Test
  void silenceMutesUntilItExpiresAndAResolvedNoticeStillGoesOut() {
    configure(Route.Spec.to("oncall"));
    RecordingNotifier oncall = receiver("oncall");
    Alert retail = firing("retail", "III", T0);
    manager.receive(retail);
    after(Duration.ofSeconds(30));
    assertThat(oncall.messages()).hasSize(1);

    long now = clock.millis();
    Silence s =
        silences.save(
            new Silence(
                "",
                List.of(Matcher.equal(Labels.QUEUE, "retail"), Matcher.parse("center=~\"s.*\"")),
                now,
                now + Duration.ofHours(1).toMillis(),
                "zhang.wei",
                "queue retail is being re-staffed",
                now));
    Alert vip = firing("vip", "III", T0);
    Alert retail2 = firing("ServiceLevelBreach", "sh", "retail", "IV", T0, "0.6");
    manager.receive(vip);
    manager.receive(retail2); // level changed, but silenced: not told
    after(Duration.ofMinutes(5));
    assertThat(oncall.last().alerts()).containsExactly(vip);
    assertThat(dispatcher.mutedBy(retail2)).containsExactly(s.id());

    // It resolves while silenced: receivers were told it fired, so they hear it resolved.
    manager.receive(resolved(retail2));
    after(Duration.ofMinutes(5));
    assertThat(oncall.last().alerts()).containsExactly(vip, resolved(retail2));

    // A silenced alert that fires and resolves unseen is never told.
    Alert again = firing("ServiceLevelBreach", "sh", "retail", "III", T0 + 3_600_000, "0.5");
    manager.receive(again);
    after(Duration.ofMinutes(5));
    int before = oncall.messages().size();
    // The silence expires on time: the firing alert is notified at the next interval.
    after(Duration.ofMinutes(50));
    assertThat(silences.get(s.id()).orElseThrow().state(clock.millis()))
        .isEqualTo(Silence.State.EXPIRED);
    assertThat(oncall.messages().size()).isGreaterThan(before);
    assertThat(oncall.last().alerts()).contains(again);
  }

  @Test
  void expiringASilenceByHandEndsItNow() {
    long now = clock.millis();
    Silence s =
        silences.save(
            new Silence(
                "",
                List.of(Matcher.equal("queue", "vip")),
                now + 60_000,
                now + 120_000,
                "li",
                "later",
                now));
    assertThat(s.state(now)).isEqualTo(Silence.State.PENDING);
    Silence ended = silences.expire(s.id()).orElseThrow();
    assertThat(ended.state(clock.millis())).isEqualTo(Silence.State.EXPIRED);
    assertThat(silences.mutes(Map.of("queue", "vip"))).isFalse();
    assertThatThrownBy(
            () ->
                new Silence(
                    "", List.of(Matcher.parse("queue=~\".*\"")), now, now + 1, "li", "all", now))
        .hasMessageContaining("empty string");
  }

  @Test
  void muteTimeIntervalDropsNotificationsInTheMaintenanceWindowInItsTimeZone() {
    TimeInterval saturdayNight =
        new TimeInterval(
            List.of(TimeInterval.TimeRange.parse("01:00", "05:00")),
            TimeInterval.weekdays(List.of("saturday")),
            List.of(),
            Set.of(),
            ZoneId.of("Asia/Shanghai"));
    configure(
        config(
            Route.Spec.to("oncall").withMuteTimeIntervals("maintenance"),
            Map.of("maintenance", List.of(saturdayNight)),
            List.of()));
    RecordingNotifier oncall = receiver("oncall");
    // Saturday 02:00 in Shanghai is Friday 18:00 UTC.
    clock.set(Instant.parse("2026-11-27T18:00:00Z"));
    manager.receive(firing("retail", "I", T0));
    after(Duration.ofMinutes(30));
    assertThat(oncall.messages()).isEmpty();

    clock.set(Instant.parse("2026-11-27T21:00:00Z")); // 05:00 Saturday: the window has closed
    dispatcher.tick();
    assertThat(oncall.messages()).hasSize(1);
    assertThat(
            saturdayNight.contains(Instant.parse("2026-11-28T02:00:00Z"))) // Saturday 10:00 local
        .isFalse();
    assertThat(TimeInterval.weekdays(List.of("friday:monday")))
        .containsExactlyInAnyOrder(
            DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
  }

  @Test
  void activeTimeIntervalNotifiesOnlyInsideIt() {
    TimeInterval lastDayOfMonth =
        new TimeInterval(
            List.of(),
            Set.of(),
            TimeInterval.days(List.of("-1")),
            Set.of(),
            ZoneId.of("Asia/Shanghai"));
    configure(
        config(
            Route.Spec.to("oncall").withActiveTimeIntervals("month-end"),
            Map.of("month-end", List.of(lastDayOfMonth)),
            List.of()));
    manager.receive(firing("retail", "I", T0)); // 27 November: not the month's end
    assertThat(receiver("oncall").messages()).isEmpty();
    clock.set(Instant.parse("2026-11-29T16:00:00Z")); // 30 November 00:00 in Shanghai
    dispatcher.tick();
    assertThat(receiver("oncall").messages()).hasSize(1);
  }

  @Test
  void unacknowledgedAlertsEscalateAlongTheirLevelsChainAndAckStopsIt() {
    EscalationPolicy severe =
        new EscalationPolicy(
            Set.of(EmergencyLevel.I, EmergencyLevel.II),
            List.of(
                new EscalationPolicy.Step(Duration.ofMinutes(5), "duty-manager"),
                new EscalationPolicy.Step(Duration.ofMinutes(15), "director")));
    configure(config(Route.Spec.to("oncall"), Map.of(), List.of(severe)));
    Alert retail = firing("retail", "II", T0);
    Alert vip = firing("vip", "II", T0);
    Alert minor = firing("wealth", "III", T0);
    manager.receive(retail);
    manager.receive(vip);
    manager.receive(minor);
    after(Duration.ofMinutes(4));
    assertThat(receiver("duty-manager").messages()).isEmpty();

    acks.ack(vip, "wang.fang", "on it");
    after(Duration.ofMinutes(1));
    assertThat(receiver("duty-manager").messages()).hasSize(1);
    WebhookMessage m = receiver("duty-manager").last();
    assertThat(m.alerts()).containsExactly(retail);
    assertThat(m.groupKey()).startsWith(RoutingDispatcher.ESCALATION_ROUTE + ":{fingerprint=");

    acks.ack(retail, "li.na", "");
    after(Duration.ofMinutes(30));
    assertThat(receiver("director").messages()).isEmpty();
    assertThat(receiver("duty-manager").messages()).hasSize(1);

    manager.receive(resolved(retail));
    assertThat(receiver("duty-manager").last().status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(receiver("director").messages()).isEmpty();
  }

  @Test
  void aNewEpisodeIsUnacknowledgedAgain() {
    EscalationPolicy severe =
        new EscalationPolicy(
            Set.of(EmergencyLevel.II),
            List.of(new EscalationPolicy.Step(Duration.ofMinutes(5), "duty-manager")));
    configure(
        new RoutingConfig(
            Route.Spec.to("oncall"), List.of(), true, Map.of(), List.of(severe), Set.of()));
    Alert first = firing("retail", "II", T0);
    manager.receive(first);
    acks.ack(first, "li.na", "");
    manager.receive(resolved(first));
    Alert second = firing("retail", "II", T0 + 3_600_000);
    manager.receive(second);
    assertThat(acks.of(second)).isEmpty();
    after(Duration.ofMinutes(5));
    assertThat(receiver("duty-manager").last().alerts()).containsExactly(second);
  }

  @Test
  void keepFiringForDampsAFlapIntoOneAlertThatKeptFiring() {
    configure(
        new RoutingConfig(
            Route.Spec.to("oncall"),
            List.of(),
            true,
            Map.of(),
            List.of(),
            RoutingConfig.DEFAULT_URGENT,
            Duration.ofMinutes(2)));
    RecordingNotifier oncall = receiver("oncall");
    Alert first = firing("retail", "I", T0);
    manager.receive(first);
    assertThat(oncall.messages()).hasSize(1);

    manager.receive(resolved(first));
    after(Duration.ofMinutes(1));
    Alert again = firing("retail", "I", T0 + 120_000); // a new episode a minute later: a flap
    manager.receive(again);
    after(Duration.ofMinutes(10));
    assertThat(oncall.messages()).hasSize(1); // neither the resolution nor the re-fire was sent

    manager.receive(resolved(again));
    after(Duration.ofMinutes(1));
    assertThat(oncall.messages()).hasSize(1); // held
    after(Duration.ofMinutes(5)); // hold over, then the group's next interval
    assertThat(oncall.messages()).hasSize(2);
    assertThat(oncall.last().status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(oncall.last().alerts()).containsExactly(resolved(again));
  }

  @Test
  void configRefusesUndefinedReceiversAndIntervals() {
    assertThatThrownBy(
            () ->
                new RoutingConfig(
                    Route.Spec.to("oncall").withMuteTimeIntervals("nope"),
                    List.of(),
                    true,
                    Map.of(),
                    List.of(),
                    Set.of()))
        .hasMessageContaining("nope");
    assertThatThrownBy(
            () ->
                new RoutingDispatcher(
                    RoutingConfig.to("oncall"), Map.of(), silences, acks, clock, ""))
        .hasMessageContaining("oncall");
  }

  @Test
  void matchersParseAndMatchLikeAlertmanagers() {
    Map<String, String> labels = Map.of("queue", "vip", "center", "sh");
    assertThat(Matcher.parse("queue=\"vip\"").matches(labels)).isTrue();
    assertThat(Matcher.parse("queue != vip").matches(labels)).isFalse();
    assertThat(Matcher.parse("queue=~\"v.*\"").matches(labels)).isTrue();
    assertThat(Matcher.parse("queue=~\"v\"").matches(labels)).isFalse(); // anchored
    assertThat(Matcher.parse("team!~\".+\"").matches(labels)).isTrue(); // missing label is ""
    assertThat(Matcher.parse("a=\"x \\\"y\\\"\"").value()).isEqualTo("x \"y\"");
    assertThat(Matcher.parse("a=~\"I|II\"").toString()).isEqualTo("a=~\"I|II\"");
    assertThatThrownBy(() -> Matcher.parse("a=~\"(\""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Matcher.parse("9a=b")).isInstanceOf(IllegalArgumentException.class);
  }
}
