package io.cscmon.flink.launcher;

import static io.cscmon.core.testing.TestTimes.ONE_SECOND;
import static io.cscmon.core.testing.TestTimes.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.manager.AlertManager;
import io.cscmon.core.rule.RuleTexts;
import io.cscmon.core.testing.EventLines;
import io.cscmon.core.testing.TestRules;
import io.cscmon.flink.LocalServices;
import io.cscmon.flink.job.DetectionOptions;
import io.cscmon.flink.operators.ThresholdAlerting;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service with {@code --rules DIR}: a threshold changed in the directory and reloaded over HTTP
 * changes what the running job alerts on, without a restart; a broken change is refused with the
 * file, line and field, and the running rules stay; so is a change of detector thresholds, which
 * needs a restart.
 */
class RulesReloadServiceTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private int minute;

  private String shipped() {
    return TestRules.TEXT;
  }

  @Test
  void aChangedThresholdTakesEffectInTheRunningJob() throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("service-level.yaml"), shipped());
    DetectionOptions options = RuleOptions.apply(args(rules), DetectionOptions.defaults());
    EmbeddedService.Settings settings =
        EmbeddedService.Settings.loopback(dir.resolve("var"), 1 << 20, 10_000);
    try (EmbeddedService service = EmbeddedService.start(settings, List.of(), options, rules)) {
      String base = "http://127.0.0.1:" + service.port();
      AlertManager alerts =
          LocalServices.find(EmbeddedService.ALERT_MANAGER, AlertManager.class).orElseThrow();

      // 80% in retail is no breach under the shipped 80% of level IV (below 80% is). A sentinel
      // queue at 50%
      // shows that these minutes went through the job.
      await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () -> {
                postMinute(base, 0.80, 0.5);
                return firing(alerts, "sentinel").isPresent();
              });
      assertThat(firing(alerts, "retail")).isEmpty();
      assertThat(firing(alerts, "sentinel").get().annotations())
          .containsEntry(ThresholdAlerting.RULES_VERSION, TestRules.ruleSet().version());

      // A stricter level IV, reloaded without a restart.
      String stricter = shipped().replace("IV: {threshold: 0.80", "IV: {threshold: 0.85");
      Files.writeString(rules.resolve("service-level.yaml"), stricter);
      // The directory watcher may have picked the change up first: then the endpoint finds the
      // job already on it.
      String version = RuleTexts.read(rules).version();
      assertThat(version).isNotEqualTo(TestRules.ruleSet().version());
      JsonObject reloaded = reload(service, base, 200);
      assertThat(reloaded.getString("status")).isIn("reloaded", "unchanged");
      assertThat(reloaded.getString("version")).isEqualTo(version);
      assertThat(reload(service, base, 200).getString("status")).isEqualTo("unchanged");

      await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () -> {
                postMinute(base, 0.80, 0.5);
                return firing(alerts, "retail").isPresent();
              });
      Alert retail = firing(alerts, "retail").get();
      assertThat(retail.label(Labels.EMERGENCY_LEVEL)).isEqualTo("IV");
      assertThat(retail.annotations())
          .containsEntry(Labels.THRESHOLD, "0.8500")
          .containsEntry(ThresholdAlerting.RULES_VERSION, version);

      // A broken change is refused, naming file, line and field; the stricter rules stay.
      Files.writeString(
          rules.resolve("service-level.yaml"),
          stricter.replace("hold: 5m\n    levels", "hold: 5\n    levels"));
      JsonObject refused = reload(service, base, 422);
      assertThat(refused.getString("status")).isEqualTo("invalid");
      assertThat(refused.getString("version")).isEqualTo(version);
      JsonObject problem = refused.getJsonArray("problems").getJsonObject(0);
      assertThat(problem.getString("file")).isEqualTo("service-level.yaml");
      assertThat(problem.getString("field")).isEqualTo("rules[0].hold");
      assertThat(problem.getInteger("line")).isPositive();

      // Detector thresholds are read when the job starts: a change is refused, not ignored.
      Files.writeString(rules.resolve("service-level.yaml"), stricter);
      Path attacks = rules.resolve("attacks.yaml");
      Files.writeString(
          attacks,
          RuleTexts.defaults()
              .files()
              .get("attacks.yaml")
              .replace("min_repeats: 10", "min_repeats: 4"));
      JsonObject restart = reload(service, base, 422);
      assertThat(restart.getString("version")).isEqualTo(version);
      JsonObject changed = restart.getJsonArray("problems").getJsonObject(0);
      assertThat(changed.getString("file")).isEqualTo("attacks.yaml");
      assertThat(changed.getString("field")).isEqualTo("detectors.tdos");
      assertThat(changed.getString("message")).contains("restart the service");
      Files.delete(attacks);
      assertThat(reload(service, base, 200).getString("status")).isEqualTo("unchanged");
    }
  }

  private static Args args(Path rules) {
    return Args.parse(
        new String[] {"--rules", rules.toString()}, ServeCommand.RUN_OPTIONS, java.util.Set.of());
  }

  private static Optional<Alert> firing(AlertManager alerts, String queue) {
    return alerts.active().stream()
        .filter(a -> queue.equals(a.label(Labels.QUEUE)) && a.isFiring())
        .findFirst();
  }

  /**
   * One more minute of event time: 20 answered calls per queue, at the given service levels
   * (multiples of 5%).
   */
  private void postMinute(String base, double retail, double sentinel) throws Exception {
    List<String> lines = new ArrayList<>();
    int m = minute++;
    for (int i = 0; i < 20; i++) {
      long ts = minutesLater(m) + i * 3 * ONE_SECOND;
      lines.add(
          EventLines.answered(ts, "r" + m + "-" + i, "retail", i < retail * 20 ? 5_000 : 40_000));
      lines.add(
          EventLines.answered(
              ts, "s" + m + "-" + i, "sentinel", i < sentinel * 20 ? 5_000 : 40_000));
    }
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines) + "\n"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  private JsonObject reload(EmbeddedService service, String base, int expectedStatus)
      throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + RulesReloader.RELOAD_PATH))
                .header("Authorization", "Bearer " + service.generatedToken().token())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return new JsonObject(response.body());
  }
}
