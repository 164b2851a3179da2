package io.cscmon.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.flink.kafka.KafkaTopics;
import io.cscmon.flink.operators.DeadLetter;
import io.cscmon.flink.sink.NdjsonFileSink;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoint-based upgrades need every operator that keeps state to carry a stable uid: the job with
 * its production (Kafka) sources and sinks has no operator without one.
 */
class DetectionJobUidTest {

  @TempDir Path dir;

  @Test
  void everyOperatorOfTheKafkaJobHasAUid() {
    StreamGraph graph = kafkaJobGraph(dir);
    List<String> withoutUid =
        graph.getStreamNodes().stream()
            .filter(node -> node.getTransformationUID() == null)
            .map(StreamNode::getOperatorName)
            .toList();
    assertThat(withoutUid).isEmpty();
    assertThat(graph.getStreamNodes()).hasSizeGreaterThan(8);
  }

  /** The graph of the job with its production (Kafka) sources and sinks, never run. */
  static StreamGraph kafkaJobGraph(Path dir) {
    KafkaTopics kafka =
        new KafkaTopics("127.0.0.1:9", "events", "alerts", "kpis", "uid-test", false);
    DetectionJob job =
        new DetectionJob(
            List.of(kafka.source()),
            List.of(kafka.alertSink()),
            NdjsonFileSink.<DeadLetter>appending(dir.resolve("dl.ndjson"), DeadLetter::toJson),
            List.of(kafka.kpiSink()),
            DetectionOptions.defaults());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    job.build(env);
    return env.getStreamGraph();
  }
}
