package io.cscmon.flink.launcher;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.rule.RuleTexts;
import io.cscmon.core.testing.EventLines;
import io.cscmon.core.testing.TestRules;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --rules DIR} runs DIR's detector settings and emergency plan: the same 40-minute
 * IVR outage reaches level III under the shipped outage levels and stays at IV when a team moves
 * level III to 2 hours, and the center's emergency alert names the teams and deadlines of DIR's
 * plan.
 */
class DetectorRulesReplayTest {

  @TempDir Path dir;

  private Path input;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void outage() throws Exception {
    List<String> lines = new ArrayList<>();
    for (long t = 0; t < 50 * 60 * ONE_SECOND; t += 15 * ONE_SECOND) {
      boolean down = t >= 5 * 60 * ONE_SECOND && t < 45 * 60 * ONE_SECOND;
      lines.add(EventLines.health(BEGINNING + t, "ivr", !down));
    }
    input = Files.write(dir.resolve("outage.ndjson"), lines);
  }

  private List<JsonObject> replay(Path rules) throws Exception {
    Path out = dir.resolve("alerts-" + (rules == null ? "shipped" : "tuned") + ".ndjson");
    List<String> argv =
        new ArrayList<>(
            List.of("replay", "--input", input.toString(), "--alerts-out", out.toString()));
    if (rules != null) {
      argv.addAll(List.of("--rules", rules.toString()));
    }
    int code =
        Cscmon.run(
            argv.toArray(String[]::new),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return Files.readAllLines(out).stream().map(JsonObject::new).toList();
  }

  private static Set<String> levels(List<JsonObject> alerts, String alertname) {
    Set<String> levels = new TreeSet<>();
    for (JsonObject a : alerts) {
      JsonObject labels = a.getJsonObject("labels");
      if (alertname.equals(labels.getString("alertname"))) {
        levels.add(labels.getString("emergency_level"));
      }
    }
    return levels;
  }

  private static JsonObject lastEmergency(List<JsonObject> alerts) {
    JsonObject last = null;
    for (JsonObject a : alerts) {
      if ("EmergencyActivation".equals(a.getJsonObject("labels").getString("alertname"))) {
        last = a;
      }
    }
    return last;
  }

  @Test
  void aDirectorysOutageLevelsAndEmergencyPlanDecideTheAlerts() throws Exception {
    List<JsonObject> shipped = replay(null);
    assertThat(levels(shipped, "ComponentOutage")).contains("IV", "III");
    assertThat(lastEmergency(shipped).getJsonObject("annotations").getString("teams"))
        .contains("department heads");

    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve(TestRules.FILE), TestRules.TEXT);
    RuleTexts builtIn = RuleTexts.defaults();
    Files.writeString(
        rules.resolve("outages.yaml"),
        builtIn.files().get("outages.yaml").replace("iii_after: 30m", "iii_after: 2h"));
    Files.writeString(
        rules.resolve("emergency.yaml"),
        builtIn
            .files()
            .get("emergency.yaml")
            .replace(
                "business operations (duty floor supervisor)",
                "business operations (the night shift lead)"));
    List<JsonObject> tuned = replay(rules);
    assertThat(levels(tuned, "ComponentOutage")).contains("IV").doesNotContain("III");
    JsonObject emergency = lastEmergency(tuned).getJsonObject("annotations");
    assertThat(emergency.getString("teams")).contains("the night shift lead");
    assertThat(emergency.getString("description"))
        .contains("Teams called: business operations (the night shift lead)")
        .contains("Deadlines: acknowledge within 15 minutes");
  }
}
