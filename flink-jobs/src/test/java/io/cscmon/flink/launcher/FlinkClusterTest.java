package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.flink.kafka.ChildJvm;
import io.cscmon.flink.kafka.KafkaBroker;
import io.cscmon.flink.kafka.KafkaBrokerExtension;
import io.cscmon.flink.kafka.KafkaLineSink;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/flink-cluster}: a standalone session cluster (a JobManager and two TaskManagers, each
 * its own JVM), the Kafka job submitted through Flink's client at parallelism 2, and the alerts
 * topic afterwards holding exactly what {@code replay} writes. Runs in {@code mvn -Pcluster
 * verify}, after the package phase, since it submits the built {@code cscmon.jar}.
 */
@Tag("cluster")
class FlinkClusterTest {

  @TempDir static Path dir;
  @RegisterExtension static final KafkaBrokerExtension broker = new KafkaBrokerExtension();
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void theJobOnTheSessionClusterAtParallelismTwoGivesTheAlertsOfReplay() throws Exception {
    Path jar = ROOT.resolve("flink-jobs/target/cscmon.jar");
    assertThat(jar).as("run with mvn -Pcluster verify, which packages first").exists();
    Path events = dir.resolve("morning.ndjson");
    List<String> expected =
        KafkaTopologyTest.recordedMorning(events, dir.resolve("replay-alerts.ndjson"));
    broker.get().createTopic("events", 1);
    broker.get().createTopic("alerts", 1);
    List<String> lines = Files.readAllLines(events);
    try (KafkaLineSink sink =
        new KafkaLineSink(broker.get().bootstrap(), "events", "cluster-test")) {
      for (int i = 0; i < lines.size(); i += 5000) {
        assertThat(sink.offer(lines.subList(i, Math.min(i + 5000, lines.size())))).isTrue();
      }
    }

    Path cluster = dir.resolve("cluster");
    String restPort = String.valueOf(KafkaBroker.freePort());
    String rpcPort = String.valueOf(KafkaBroker.freePort());
    try {
      assertThat(
              script(
                  cluster,
                  "start",
                  "--dir",
                  cluster.toString(),
                  "--rest-port",
                  restPort,
                  "--rpc-port",
                  rpcPort,
                  "--taskmanagers",
                  "2",
                  "--slots",
                  "1"))
          .as("bin/flink-cluster start; see %s", cluster.resolve("script.log"))
          .isZero();
      assertThat(
              script(
                  cluster,
                  "submit",
                  "--dir",
                  cluster.toString(),
                  "--parallelism",
                  "2",
                  "--",
                  "--kafka-bootstrap",
                  broker.get().bootstrap(),
                  "--events-topic",
                  "events",
                  "--alerts-topic",
                  "alerts",
                  "--state-dir",
                  dir.resolve("state").toString(),
                  "--checkpoint-interval",
                  "2s",
                  "--transactional-id-prefix",
                  "cluster-test",
                  "--stop-at-end"))
          .as("bin/flink-cluster submit; see %s", cluster.resolve("script.log"))
          .isZero();
      assertThat(Files.readString(cluster.resolve("script.log")))
          .contains("Job has been submitted with JobID", "cscmon job: finished");
    } finally {
      script(cluster, "stop", "--dir", cluster.toString());
    }
    assertThat(broker.get().readCommitted("alerts").stream().sorted().toList()).isEqualTo(expected);
  }

  /** Runs bin/flink-cluster with Flink's jars of this build and the packaged job jar. */
  private static int script(Path cluster, String... args) throws Exception {
    Files.createDirectories(cluster);
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("bin/flink-cluster").toString());
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(cluster.resolve("script.log").toFile()));
    builder.environment().put("FLINK_CLUSTER_CLASSPATH", flinkClasspath());
    builder
        .environment()
        .put("CSCMON_JAR", ROOT.resolve("flink-jobs/target/cscmon.jar").toString());
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  /** The test classpath as a Flink distribution's lib/: no cscmon, no Kafka, no RocksDB. */
  private static String flinkClasspath() {
    return Arrays.stream(ChildJvm.classpath().split(File.pathSeparator))
        .filter(
            p ->
                !p.contains("/target/")
                    && !p.contains("/io/cscmon/")
                    && !p.contains("/org/apache/kafka/")
                    && !p.contains("flink-connector-kafka")
                    && !p.contains("rocksdb"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
