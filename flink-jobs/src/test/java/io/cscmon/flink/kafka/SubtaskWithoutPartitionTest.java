package io.cscmon.flink.kafka;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_SECOND;

import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.testing.EventLines;
import io.cscmon.core.testing.TestRules;
import io.cscmon.flink.job.DetectionJob;
import io.cscmon.flink.job.DetectionOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live Kafka job at parallelism 2 over a one-partition events topic: one source subtask reads
 * the partition, the other has none and emits no watermark. With the sources' idleness set to an
 * hour, windows close and alerts fire only if that subtask marks itself idle as soon as the
 * enumerator has nothing for it ({@link IdleWithoutSplits}); before, nothing closed until the
 * idleness timeout, after every start.
 */
class SubtaskWithoutPartitionTest {

  @RegisterExtension static final KafkaBrokerExtension broker = new KafkaBrokerExtension();

  /** A quarter hour of one queue, a call every 6 s; for ten minutes each waits a minute. */
  private static List<String> quarterHourWithABreach() {
    List<String> lines = new ArrayList<>();
    for (int second = 0; second < 15 * 60; second += 6) {
      long wait = second < 10 * 60 ? 60_000 : 5_000;
      lines.add(EventLines.answered(BEGINNING + second * ONE_SECOND, "c" + second, "retail", wait));
    }
    return lines;
  }

  @Test
  void theSubtaskWithoutAPartitionHoldsNoWindowBack() throws Exception {
    broker.get().createTopic("split-events", 1);
    broker.get().createTopic("split-alerts", 1);
    try (KafkaLineSink sink =
        new KafkaLineSink(broker.get().bootstrap(), "split-events", "split-producer")) {
      if (!sink.offer(quarterHourWithABreach())) {
        throw new AssertionError("the events were not committed");
      }
    }
    KafkaTopics kafka =
        new KafkaTopics(
            broker.get().bootstrap(), "split-events", "split-alerts", null, "split-test", false);
    DetectionOptions options =
        new DetectionOptions(
            TestRules.ruleSet(),
            Duration.ofSeconds(30),
            Duration.ofHours(1), // idleness: far beyond the test's wait
            Duration.ofMinutes(1),
            Duration.ofSeconds(20),
            Duration.ofMinutes(15),
            AlertTime.DEFAULT_ZONE,
            null);
    // A local MiniCluster of two slots for the job's two subtasks per operator.
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(500); // the alerts are committed with the checkpoints
    JobClient job =
        new DetectionJob(
                List.of(kafka.source()),
                List.of(kafka.alertSink()),
                kafka.deadLetterSink(),
                options)
            .executeAsync(env);
    try {
      broker
          .get()
          .awaitCommitted(
              "split-alerts",
              Duration.ofMinutes(2),
              alerts ->
                  alerts.stream()
                      .anyMatch(a -> AlertJson.decode(a).alertname().equals("ServiceLevelBreach")));
    } finally {
      job.cancel().get();
    }
  }
}
