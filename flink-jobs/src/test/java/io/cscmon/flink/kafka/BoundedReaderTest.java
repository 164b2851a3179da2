package io.cscmon.flink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BoundedReaderTest {

  private static final TopicPartition EVENTS = new TopicPartition("events", 0);

  @Test
  void aSplitOfAnUnboundedRunStopsAtTheLatestOffset() {
    KafkaPartitionSplit restored = new KafkaPartitionSplit(EVENTS, 1234);
    assertThat(restored.getStoppingOffset()).isEmpty();

    KafkaPartitionSplit bounded = BoundedReader.bounded(restored);

    assertThat(bounded.getTopicPartition()).isEqualTo(EVENTS);
    assertThat(bounded.getStartingOffset()).isEqualTo(1234);
    assertThat(bounded.getStoppingOffset()).contains(KafkaPartitionSplit.LATEST_OFFSET);
  }

  @Test
  void aSplitWithItsOwnStoppingOffsetKeepsIt() {
    KafkaPartitionSplit split = new KafkaPartitionSplit(EVENTS, 10, 500);

    assertThat(BoundedReader.bounded(split)).isSameAs(split);
  }
}
