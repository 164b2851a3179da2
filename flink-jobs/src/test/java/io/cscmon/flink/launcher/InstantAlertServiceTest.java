package io.cscmon.flink.launcher;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.manager.AlertManager;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule with {@code hold: 0s} on the instant {@code calls_waiting_now}, end to end from HTTP
 * ingest: it fires while event time is still inside the first minute, i.e. before any watermark
 * could close a minute (the per-minute {@code calls_waiting} could not have fired yet), and the
 * wallboard gauge on {@code /metrics} shows the count at once.
 */
class InstantAlertServiceTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void fourCallsWaitingFireTheRuleBeforeTheirMinuteCloses() throws Exception {
    DetectionOptions options =
        DetectionOptions.defaults().withRules(TestRules.waitingNow("0s", "0s"));
    EmbeddedService.Settings settings =
        EmbeddedService.Settings.loopback(dir.resolve("var"), 1 << 20, 10_000);
    try (EmbeddedService service = EmbeddedService.start(settings, List.of(), options, null)) {
      String base = "http://127.0.0.1:" + service.port();
      AlertManager alerts =
          LocalServices.find(EmbeddedService.ALERT_MANAGER, AlertManager.class).orElseThrow();
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        lines.add(EventLines.queued(BEGINNING + (10 + i) * ONE_SECOND, "c" + i, "retail"));
      }
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                  .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines) + "\n"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

      await().atMost(Duration.ofMinutes(2)).until(() -> firing(alerts).isPresent());
      Alert alert = firing(alerts).orElseThrow();
      // The fourth call (at 13 s) is the first reading above 3.
      assertThat(alert.startsAt()).isEqualTo(BEGINNING + 13 * ONE_SECOND);
      assertThat(alert.label(Labels.CENTER)).isEqualTo("sh");
      await()
          .atMost(Duration.ofMinutes(1))
          .untilAsserted(
              () ->
                  assertThat(metrics(base))
                      .contains(
                          "cscmon_queue_calls_waiting_now{center=\"sh\",queue=\"retail\"} 5"));
    }
  }

  private static Optional<Alert> firing(AlertManager alerts) {
    return alerts.active().stream()
        .filter(a -> "CallsWaitingNow".equals(a.label(Labels.ALERTNAME)) && a.isFiring())
        .findFirst();
  }

  private String metrics(String base) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
