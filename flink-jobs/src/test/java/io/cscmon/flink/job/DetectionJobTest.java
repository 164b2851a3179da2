package io.cscmon.flink.job;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_SECOND;
import static io.cscmon.core.testing.TestTimes.minutesLater;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.testing.EventLines;
import io.cscmon.core.testing.TestRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a Flink MiniCluster at parallelism 2, over two input files whose events are out
 * of order by up to 20 s: the per-queue service level breaks for ten minutes in one queue only.
 */
class DetectionJobTest {

  @RegisterExtension static final MiniClusterExtension FLINK = JobCluster.twoSlots();

  @TempDir Path dir;

  /** Ten calls a minute per queue; {@code badMinutes} of retail answer half of them too late. */
  private void writeInput(Path inputDir) throws Exception {
    Files.createDirectories(inputDir);
    Random random = new Random(7);
    List<List<String>> files = List.of(new ArrayList<>(), new ArrayList<>());
    int call = 0;
    for (int minute = 0; minute < 20; minute++) {
      boolean bad = minute >= 2 && minute < 12;
      for (int i = 0; i < 10; i++) {
        long ts = minutesLater(minute) + i * 6 * ONE_SECOND;
        long retailWait = bad && i % 2 == 0 ? 45_000 : 5_000;
        files.get(i % 2).add(EventLines.answered(ts, "r" + call, "retail", retailWait));
        files.get((i + 1) % 2).add(EventLines.answered(ts, "v" + call, "vip", 2_000));
        call++;
      }
    }
    for (int f = 0; f < 2; f++) {
      List<String> lines = files.get(f);
      // Shuffle within blocks of ~20 s of event time: out of order, within the 30 s tolerance.
      for (int start = 0; start < lines.size(); start += 4) {
        Collections.shuffle(lines.subList(start, Math.min(start + 4, lines.size())), random);
      }
      if (f == 0) {
        lines.add(
            5, "{\"type\":\"call\",\"ts\":\"not a time\",\"call_id\":\"x\",\"phase\":\"arrived\"}");
      }
      Files.write(inputDir.resolve("part-" + f + ".ndjson"), lines);
    }
  }

  private List<String> run(Path input, Path alerts, Path deadLetters, DetectionOptions options)
      throws Exception {
    SimulatedReplay.replay(FileInputs.of(input), 2, alerts, deadLetters, options);
    return Files.readAllLines(alerts);
  }

  private List<String> run(Path input, Path alerts, Path deadLetters) throws Exception {
    return run(
        input, alerts, deadLetters, DetectionOptions.defaults().withRules(TestRules.ruleSet()));
  }

  @Test
  void detectsTheBreachOnceFiresAndResolvesInEventTimeAndIsDeterministic() throws Exception {
    Path input = dir.resolve("in");
    writeInput(input);

    List<String> lines = run(input, dir.resolve("alerts.ndjson"), dir.resolve("dead.ndjson"));
    List<Alert> alerts = lines.stream().map(AlertJson::decode).toList();

    // Only the retail queue breaks; the rule watches queues, so the center-wide KPI raises nothing.
    List<Alert> retail =
        alerts.stream().filter(a -> "retail".equals(a.label(Labels.QUEUE))).toList();
    List<Alert> emergency =
        alerts.stream().filter(a -> "EmergencyActivation".equals(a.alertname())).toList();
    assertThat(alerts).hasSize(4).containsAll(retail).containsAll(emergency);
    assertThat(retail).hasSize(2);
    // The center-wide emergency activation follows the one alert with a level.
    assertThat(emergency).hasSize(2);
    assertThat(emergency.get(0).labels())
        .containsEntry(Labels.EMERGENCY_LEVEL, "III")
        .containsEntry(Labels.INCIDENT_TYPE, "emergency");
    assertThat(emergency.get(0).startsAt()).isEqualTo(minutesLater(2));
    assertThat(emergency.get(1).isFiring()).isFalse();
    assertThat(emergency.get(1).endsAt()).isEqualTo(minutesLater(12));
    Alert firing = retail.get(0);
    assertThat(firing.isFiring()).isTrue();
    assertThat(firing.labels())
        .containsEntry(Labels.ALERTNAME, "ServiceLevelBreach")
        .containsEntry(Labels.QUEUE, "retail")
        .containsEntry(Labels.CENTER, "sh")
        .containsEntry(Labels.EMERGENCY_LEVEL, "III")
        .containsKeys(Labels.INCIDENT_TYPE, Labels.RISK_CATEGORY, Labels.SEVERITY);
    assertThat(firing.startsAt()).isEqualTo(minutesLater(2));
    Alert resolved = retail.get(1);
    assertThat(resolved.isFiring()).isFalse();
    assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint());
    assertThat(resolved.endsAt()).isEqualTo(minutesLater(12));

    assertThat(Files.readAllLines(dir.resolve("dead.ndjson")))
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .contains("\"line\":6", "\"field\":\"ts\"", "\"reason\":\"bad_timestamp\"");

    List<String> again = run(input, dir.resolve("alerts-2.ndjson"), dir.resolve("dead-2.ndjson"));
    assertThat(again).isEqualTo(lines);
  }

  /**
   * One file is one split, read in order, so whether an event is later than the tolerance does not
   * depend on the timing of parallel readers.
   */
  @Test
  void deadLettersEventsLaterThanTheTolerance() throws Exception {
    Path input = dir.resolve("one");
    Files.createDirectories(input);
    List<String> lines = new ArrayList<>();
    for (int minute = 0; minute < 5; minute++) {
      lines.add(EventLines.answered(minutesLater(minute), "c" + minute, "vip", 1_000));
    }
    lines.add(EventLines.answered(BEGINNING + 30 * ONE_SECOND, "late", "vip", 1_000));
    Files.write(input.resolve("calls.ndjson"), lines);

    run(input, dir.resolve("alerts.ndjson"), dir.resolve("dead.ndjson"));

    assertThat(Files.readAllLines(dir.resolve("dead.ndjson")))
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .contains(
            "\"origin\":\"calls.ndjson\"",
            "\"line\":6",
            "\"field\":\"ts\"",
            "\"reason\":\"late\"",
            "\\\"call_id\\\":\\\"late\\\"");
  }
}
