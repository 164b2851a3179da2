package io.cscmon.flink.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cscmon.core.manager.AlertManagerConfig;
import io.cscmon.core.rule.RuleSet;
import io.cscmon.core.rule.ThresholdRule;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live benchmark's inputs: its rule loads through --rules' path and fires on a marker. */
class LiveLatencyBenchTest {

  @Test
  void ruleLoadsAndFiresOnTheMarkersFiveWaitingCallsOnly(@TempDir Path dir) throws Exception {
    for (String signal : List.of(LiveLatencyBench.INSTANT_SIGNAL, LiveLatencyBench.MINUTE_SIGNAL)) {
      Files.writeString(dir.resolve("bench.yaml"), LiveLatencyBench.rule(signal));
      RuleSet rules = RuleOptions.load(dir);
      assertEquals(1, rules.rules().size());
      ThresholdRule rule = rules.rules().get(0);
      assertEquals(signal, rule.kpi());
      assertEquals(Duration.ZERO, rule.hold(), "the bench measures a rule without hold");
      assertNotNull(rule.breachedLevel(5), "a marker queues five calls");
      assertNull(rule.breachedLevel(3));
    }
  }

  @Test
  void alertConfigIsValidWithOneWebhook() {
    AlertManagerConfig config =
        AlertManagerConfig.parse(
            LiveLatencyBench.alertConfig(URI.create("http://127.0.0.1:1/hook")));
    assertEquals(1, config.receivers().get("bench").size());
  }
}
