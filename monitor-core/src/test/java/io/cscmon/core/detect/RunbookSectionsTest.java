package io.cscmon.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every alert a detector raises has its section in the runbook its runbook_url points at. */
class RunbookSectionsTest {

  static final List<String> ALERTNAMES =
      List.of(
          ComponentHealthDetector.OUTAGE_ALERT,
          ComponentHealthDetector.DEGRADED_ALERT,
          HealthAnomalyDetector.ALERT,
          BurnRateDetector.ERROR_ALERT,
          BurnRateDetector.LATENCY_ALERT,
          TrafficLossDetector.ALERT,
          CredentialStuffingDetector.ALERT,
          IvrBruteForceDetector.ALERT,
          TdosDetector.ALERT,
          DdosDetector.ALERT);

  @Test
  void everyDetectorAlertHasARunbookSection() throws Exception {
    String runbook = Files.readString(Path.of("../alert-rules/runbook.md"));
    for (String name : ALERTNAMES) {
      assertThat(runbook).as(name).contains("\n## " + name + "\n");
    }
  }
}
