package io.cscmon.flink.launcher;

import static io.cscmon.core.testing.TestTimes.ONE_SECOND;
import static io.cscmon.core.testing.TestTimes.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cscmon.core.testing.EventLines;
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
 * move on — as soon as events come back. A benchmark once saw the call-KPI gauges freeze for good
 * after a pause as long as the idleness. The idleness is a second here, so that pauses are short.
 */
class IdleIngestServiceTest {

  private static final String QUEUE = "quiet";
  private static final Pattern ANSWERED =
      Pattern.compile("cscmon_queue_answered\\{[^}]*\"" + QUEUE + "\"[^}]*\\} (\\S+)");
  private static final Duration IDLENESS = Duration.ofSeconds(1);

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private String base;

  @Test
  void callKpisMoveOnAfterTheSourceWasIdle() throws Exception {
    DetectionOptions defaults = DetectionOptions.defaults();
    DetectionOptions options =
        new DetectionOptions(
            defaults.rules(),
            defaults.outOfOrderness(),
            IDLENESS,
            defaults.kpiWindow(),
            defaults.targetAnswer(),
            defaults.staleAfter(),
            defaults.zone(),
            null);
    EmbeddedService.Settings settings =
        EmbeddedService.Settings.loopback(dir.resolve("var"), 1 << 20, 10_000);
    try (EmbeddedService service = EmbeddedService.start(settings, List.of(), options, null)) {
      base = "http://127.0.0.1:" + service.port();

      // Minute m has 10 + m answered calls, so the gauge tells which minute closed last.
      for (int m = 0; m < 4; m++) {
        postMinute(m);
      }
      awaitAnswered(11); // minute 1 at least: minute 3's events take event time to 2:42

      // Quiet spells around the idleness timeout (the benchmark's pause equalled it) and well past
      // it: the source may or may not have been marked idle when the next events come.
      double[] pauses = {5, 1, 1, 1.2, 0.9, 5};
      for (int spell = 0; spell < pauses.length; spell++) {
        Thread.sleep((long) (pauses[spell] * IDLENESS.toMillis()));
        int first = 4 + 3 * spell;
        for (int m = first; m < first + 3; m++) {
          postMinute(m);
        }
        awaitAnswered(10 + first); // the first minute after the pause (at least) has closed
      }
    }
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

  /** Minute {@code m} of event time: 10 + m answered calls, a second apart, in one request. */
  private void postMinute(int m) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10 + m; i++) {
      lines.add(EventLines.answered(minutesLater(m) + i * ONE_SECOND, m + "-" + i, QUEUE, 5));
    }
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines) + "\n"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }
}
