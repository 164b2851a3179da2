package io.cscmon.flink.launcher;

import static io.cscmon.core.testing.TestTimes.ONE_SECOND;
import static io.cscmon.core.testing.TestTimes.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cscmon.core.alert.Labels;
import io.cscmon.core.manager.AlertManager;
import io.cscmon.core.rule.RuleSet;
import io.cscmon.core.testing.EventLines;
import io.cscmon.core.testing.TestRules;
import io.cscmon.flink.LocalServices;
import io.cscmon.flink.job.DetectionOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live ingest after a quiet spell (issue 10/12): the HTTP source goes idle when nothing is posted
 * for longer than the idleness timeout, and must hold event time back again — and let the call KPIs
 * and the rules move on — as soon as events come back. The idleness is a second here, so that
 * pauses are short.
 *
 * <p>At two parallel subtasks, as {@code run} and {@code demo} start on a machine of two cores or
 * more: the source subtask without the feed's split used to finish, which sends the end of event
 * time downstream, and once the feed's own subtask went idle every keyed operator took that end of
 * time as its watermark. A benchmark saw the call-KPI gauges freeze for good after a pause as long
 * as the idleness; at one subtask, as this test ran then, it could not happen.
 */
class IdleIngestServiceTest {

  private static final String QUEUE = "quiet";
  private static final Pattern ANSWERED =
      Pattern.compile("cscmon_queue_answered\\{[^}]*\"" + QUEUE + "\"[^}]*\\} (\\S+)");
  private static final Duration IDLENESS = Duration.ofSeconds(1);
  private static final int PARALLELISM = 2;

  /** Answered within 20 s or not: the service level of a minute is 1 or 0. */
  private static final long FAST_MS = 5_000;

  private static final long SLOW_MS = 45_000;

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private String base;

  @Test
  void callKpisMoveOnAfterTheSourceWasIdle() throws Exception {
    DetectionOptions defaults = DetectionOptions.defaults();
    try (EmbeddedService service = start(defaults.rules(), defaults.staleAfter())) {
      // Minute m has 10 + m answered calls, so the gauge tells which minute closed last.
      for (int m = 0; m < 4; m++) {
        post(minute(m, QUEUE, 10 + m, FAST_MS));
      }
      awaitAnswered(11); // minute 1 at least: minute 3's events take event time to 2:42

      // Quiet spells around the idleness timeout (the benchmark's pause equalled it) and well past
      // it: the source may or may not have been marked idle when the next events come.
      double[] pauses = {5, 1, 1, 1.2, 0.9, 5};
      for (int spell = 0; spell < pauses.length; spell++) {
        Thread.sleep((long) (pauses[spell] * IDLENESS.toMillis()));
        int first = 4 + 3 * spell;
        for (int m = first; m < first + 3; m++) {
          post(minute(m, QUEUE, 10 + m, FAST_MS));
        }
        awaitAnswered(10 + first); // the first minute after the pause (at least) has closed
      }
    }
  }

  /**
   * A firing alert whose queue falls silent resolves once event time, moved on by the other queues,
   * is {@code staleAfter} past its last minute. The rules' reload stream is the second input of the
   * rules operator; it used to declare the end of event time, which became that operator's
   * watermark while the KPIs were idle: the alert's expiry timer then fired at once, was taken for
   * the end of the data, and the alert stayed firing for good.
   */
  @Test
  void aSilentQueuesAlertResolvesAfterTheSourceWasIdle() throws Exception {
    try (EmbeddedService service = start(TestRules.ruleSet(), Duration.ofMinutes(3))) {
      AlertManager alerts =
          LocalServices.find(EmbeddedService.ALERT_MANAGER, AlertManager.class).orElseThrow();
      // Queue "late" answers every call late for nine minutes: past the five-minute hold.
      for (int m = 0; m < 9; m++) {
        List<String> lines = minute(m, "late", 6, SLOW_MS);
        lines.addAll(minute(m, "steady", 6, FAST_MS));
        post(lines);
      }
      await().atMost(Duration.ofMinutes(2)).until(() -> breachFiring(alerts, "late"));

      Thread.sleep(5 * IDLENESS.toMillis()); // quiet: the source and everything after go idle
      // Then only "steady" reports, for ten more minutes of event time.
      for (int m = 9; m < 20; m++) {
        post(minute(m, "steady", 6, FAST_MS));
      }
      await().atMost(Duration.ofMinutes(2)).until(() -> !breachFiring(alerts, "late"));
    }
  }

  /** The service at {@link #PARALLELISM}, the idleness {@link #IDLENESS}, and these rules. */
  private EmbeddedService start(RuleSet rules, Duration staleAfter) throws Exception {
    DetectionOptions defaults = DetectionOptions.defaults();
    DetectionOptions options =
        new DetectionOptions(
            rules,
            defaults.outOfOrderness(),
            IDLENESS,
            defaults.kpiWindow(),
            defaults.targetAnswer(),
            staleAfter,
            defaults.zone(),
            null);
    EmbeddedService.Settings settings =
        EmbeddedService.Settings.loopback(dir.resolve("var"), 1 << 20, 10_000)
            .withParallelism(PARALLELISM);
    EmbeddedService service = EmbeddedService.start(settings, List.of(), options, null);
    base = "http://127.0.0.1:" + service.port();
    return service;
  }

  private static boolean breachFiring(AlertManager alerts, String queue) {
    return alerts.active().stream()
        .anyMatch(
            a ->
                "ServiceLevelBreach".equals(a.label(Labels.ALERTNAME))
                    && queue.equals(a.label(Labels.QUEUE))
                    && a.isFiring());
  }

  /** The gauge shows the newest closed minute, whose count grows with the minute here. */
  private void awaitAnswered(double expected) {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(answered())
                    .as(this::quietSeries)
                    .isNotNull()
                    .isGreaterThanOrEqualTo(expected));
  }

  private Double answered() throws Exception {
    Matcher m = ANSWERED.matcher(metrics());
    return m.find() ? Double.parseDouble(m.group(1)) : null;
  }

  /** The queue's series on {@code /metrics}, to show when the gauge is not what was expected. */
  private String quietSeries() {
    try {
      return String.join(
          "\n", metrics().lines().filter(l -> l.contains("\"" + QUEUE + "\"")).toList());
    } catch (Exception e) {
      return e.toString();
    }
  }

  private String metrics() throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /**
   * Minute {@code m} of event time in {@code queue}: {@code calls} answered calls, a second apart.
   */
  private static List<String> minute(int m, String queue, int calls, long waitMs) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      lines.add(
          EventLines.answered(
              minutesLater(m) + i * ONE_SECOND, queue + m + "-" + i, queue, waitMs));
    }
    return lines;
  }

  private void post(List<String> lines) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines) + "\n"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }
}
