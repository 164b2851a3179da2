package io.cscmon.flink.kafka;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_SECOND;

import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.Labels;
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

  /**
   * The same job, as {@code job} runs it (no rule reloads), with an idleness of a second and a
   * quiet spell past it: the partition goes idle, then "steady" alone moves event time on, and the
   * breach of the queue that fell silent resolves {@code staleAfter} later. It stayed firing for
   * good while the rules operator's other input, the empty reload stream, finished: a finished
   * source sends the end of event time, which became that operator's watermark once the KPIs went
   * idle.
   */
  @Test
  void aSilentQueuesBreachResolvesAfterTheTopicWasQuiet() throws Exception {
    // Idleness a second: the quiet spell below is longer. Stale after three minutes.
    JobClient job = startJob("quiet", Duration.ofSeconds(1), Duration.ofMinutes(3));
    try (KafkaLineSink sink =
        new KafkaLineSink(broker.get().bootstrap(), "quiet-events", "quiet-producer")) {
      List<String> breach = new ArrayList<>();
      for (int second = 0; second < 9 * 60; second += 10) {
        long ts = BEGINNING + second * ONE_SECOND;
        breach.add(EventLines.answered(ts, "l" + second, "late", 60_000));
        breach.add(EventLines.answered(ts, "s" + second, "steady", 5_000));
      }
      offer(sink, breach);
      broker
          .get()
          .awaitCommitted("quiet-alerts", Duration.ofMinutes(2), alerts -> breach(alerts, true));

      Thread.sleep(5_000); // quiet: the partition, and everything after it, goes idle
      List<String> steady = new ArrayList<>();
      for (int second = 9 * 60; second < 20 * 60; second += 10) {
        steady.add(
            EventLines.answered(BEGINNING + second * ONE_SECOND, "s" + second, "steady", 5_000));
      }
      offer(sink, steady);
      broker
          .get()
          .awaitCommitted("quiet-alerts", Duration.ofMinutes(2), alerts -> breach(alerts, false));
    } finally {
      job.cancel().get();
    }
  }

  /**
   * Whether the alerts include a ServiceLevelBreach of queue "late" that is firing (or resolved).
   */
  private static boolean breach(List<String> alerts, boolean firing) {
    return alerts.stream()
        .map(AlertJson::decode)
        .anyMatch(
            a ->
                a.alertname().equals("ServiceLevelBreach")
                    && "late".equals(a.label(Labels.QUEUE))
                    && a.isFiring() == firing);
  }

  /**
   * Creates {@code prefix}-events (one partition) and {@code prefix}-alerts and starts the live job
   * on them, with the service-level rules, at parallelism 2 on a local MiniCluster of two slots,
   * checkpointing every half second (the alerts are committed with the checkpoints).
   */
  private static JobClient startJob(String prefix, Duration idleness, Duration staleAfter)
      throws Exception {
    broker.get().createTopic(prefix + "-events", 1);
    broker.get().createTopic(prefix + "-alerts", 1);
    KafkaTopics kafka =
        new KafkaTopics(
            broker.get().bootstrap(),
            prefix + "-events",
            prefix + "-alerts",
            null,
            prefix + "-test",
            false);
    DetectionOptions options =
        new DetectionOptions(
            TestRules.ruleSet(),
            Duration.ofSeconds(30),
            idleness,
            Duration.ofMinutes(1),
            Duration.ofSeconds(20),
            staleAfter,
            AlertTime.DEFAULT_ZONE,
            null);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(500);
    return new DetectionJob(
            List.of(kafka.source()), List.of(kafka.alertSink()), kafka.deadLetterSink(), options)
        .executeAsync(env);
  }

  private static void offer(KafkaLineSink sink, List<String> lines) {
    if (!sink.offer(lines)) {
      throw new AssertionError("the events were not committed");
    }
  }

  @Test
  void theSubtaskWithoutAPartitionHoldsNoWindowBack() throws Exception {
    // Idleness an hour: far beyond the test's wait.
    JobClient job = startJob("split", Duration.ofHours(1), Duration.ofMinutes(15));
    try (KafkaLineSink sink =
        new KafkaLineSink(broker.get().bootstrap(), "split-events", "split-producer")) {
      offer(sink, quarterHourWithABreach());
    }
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
