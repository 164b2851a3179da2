package io.cscmon.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.flink.operators.MinuteCounts;
import io.cscmon.flink.serial.AccessEventSerializer;
import io.cscmon.flink.serial.AgentEventSerializer;
import io.cscmon.flink.serial.AuthEventSerializer;
import io.cscmon.flink.serial.CallEventSerializer;
import io.cscmon.flink.serial.HealthEventSerializer;
import io.cscmon.flink.serial.KpiSampleSerializer;
import io.cscmon.flink.serial.MinuteCountsSerializer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.KeyGroupStreamPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The records that cross the job's keyed edges go through the compact serializers (round 4), and
 * only the edges: the keyed state holding the same classes keeps the POJO serializer its savepoints
 * were written with.
 */
class CompactEdgesTest {
  private static final List<Class<?>> COMPACT =
      List.of(
          CallEvent.class,
          HealthEvent.class,
          AuthEvent.class,
          AccessEvent.class,
          AgentEvent.class,
          KpiSample.class,
          MinuteCounts.class);

  @TempDir Path dir;

  @Test
  void everyKeyedEdgeOfTheseTypesUsesItsCompactSerializer() {
    StreamGraph graph = DetectionJobUidTest.kafkaJobGraph(dir);
    List<TypeSerializer<?>> keyed = new ArrayList<>();
    for (StreamNode node : graph.getStreamNodes()) {
      for (StreamEdge edge : node.getInEdges()) {
        if (edge.getPartitioner() instanceof KeyGroupStreamPartitioner) {
          keyed.add(writtenWith(graph, edge));
        }
      }
    }
    List<TypeSerializer<?>> pojo =
        COMPACT.stream().<TypeSerializer<?>>map(CompactEdgesTest::pojoSerializer).toList();
    assertThat(keyed).doesNotContainAnyElementsOf(pojo);
    // What docs/benchmarks.md counts: two keyed edges per health event (its component, its
    // instance), up to two per call (its center, its channel): detectors keyed alike share one.
    assertThat(keyed.stream().filter(s -> s instanceof HealthEventSerializer)).hasSize(2);
    assertThat(keyed.stream().filter(s -> s instanceof CallEventSerializer)).hasSize(2);
    assertThat(keyed)
        .hasAtLeastOneElementOfType(AuthEventSerializer.class)
        .hasAtLeastOneElementOfType(AccessEventSerializer.class)
        .hasAtLeastOneElementOfType(AgentEventSerializer.class)
        .hasAtLeastOneElementOfType(KpiSampleSerializer.class)
        .hasAtLeastOneElementOfType(MinuteCountsSerializer.class);
  }

  @Test
  void theClassesThemselvesKeepThePojoTypeTheirStateWasWrittenWith() {
    assertThat(Stream.of(AgentEvent.class, KpiSample.class).map(TypeInformation::of))
        .allMatch(t -> t instanceof PojoTypeInfo);
  }

  /** The serializer the upstream task writes the edge's records with. */
  private static TypeSerializer<?> writtenWith(StreamGraph graph, StreamEdge edge) {
    if (edge.getOutputTag() != null) {
      return edge.getOutputTag().getTypeInfo().createSerializer(new SerializerConfigImpl());
    }
    return graph.getStreamNode(edge.getSourceId()).getTypeSerializerOut();
  }

  private static TypeSerializer<?> pojoSerializer(Class<?> type) {
    return TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
  }
}
