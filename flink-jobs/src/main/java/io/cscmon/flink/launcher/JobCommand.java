package io.cscmon.flink.launcher;

import io.cscmon.flink.job.DetectionJob;
import io.cscmon.flink.job.DetectionOptions;
import io.cscmon.flink.kafka.Checkpoints;
import io.cscmon.flink.kafka.KafkaTopics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;

/**
 * {@code job --kafka-bootstrap HOST:PORT ...}: the detection job alone, Kafka in and out, with
 * exactly-once checkpoints on {@code --state-dir}. Submitted with Flink's client ({@code
 * bin/flink-cluster submit}) it runs on that cluster; started directly it runs on an embedded
 * MiniCluster. The service replicas ({@code run}) then serve the HTTP ingest and the alerts.
 */
final class JobCommand {
  private JobCommand() {}

  static final Set<String> OPTIONS = options();

  private static Set<String> options() {
    Set<String> all = new HashSet<>(KafkaOptions.VALUED);
    all.addAll(Set.of("state-dir", "parallelism", "rules", "detach"));
    return Set.copyOf(all);
  }

  static int run(String[] argv, PrintStream out) throws Exception {
    Args args = Args.parse(argv, OPTIONS, KafkaOptions.FLAGS);
    KafkaTopics kafka = KafkaOptions.topics(args);
    if (kafka == null) {
      throw new Args.UsageException("--kafka-bootstrap is required");
    }
    Path stateDir = Path.of(args.get("state-dir", "var")).toAbsolutePath();
    Checkpoints checkpoints = KafkaOptions.checkpoints(args, stateDir);
    DetectionOptions options = RuleOptions.apply(args, DetectionOptions.defaults());
    DetectionJob job =
        new DetectionJob(
            List.of(kafka.source()),
            List.of(kafka.alertSink()),
            kafka.deadLetterSink(),
            kafka.kpiTopic() == null ? List.of() : List.of(kafka.kpiSink()),
            options);
    out.printf(
        "cscmon job: %s -> %s%s, dead letters %s on %s; checkpoints every %d s in %s%s%n",
        kafka.eventsTopic(),
        kafka.alertsTopic(),
        kafka.kpiTopic() == null ? "" : ", " + kafka.kpiTopic(),
        kafka.deadLetterTopic(),
        kafka.bootstrap(),
        checkpoints.interval().toSeconds(),
        checkpoints.directory(),
        checkpoints.restorePoint().map(c -> ", restoring " + c).orElse(""));
    out.flush();
    Configuration conf = checkpoints.configure(new Configuration());
    JobClient client =
        job.executeAsync(FlinkEnvironments.embedded(args.integer("parallelism", 0), conf));
    out.println("cscmon job: submitted as " + client.getJobID());
    out.flush();
    client.getJobExecutionResult().get();
    out.println("cscmon job: finished");
    return 0;
  }
}
