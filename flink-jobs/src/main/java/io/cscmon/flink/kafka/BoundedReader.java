package io.cscmon.flink.kafka;

import java.util.List;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;

/**
 * The reader of a bounded {@link KafkaEventsSource}: a split restored from the state of an
 * unbounded run (the service, stopped with a savepoint or killed) carries that run's "no stopping
 * offset", and the connector's reader takes the stopping offset from the split, not from the
 * source; such a split would be read forever and the bounded job never end. Here it gets the
 * bounded source's stopping offset, the partition's latest at the time the reader takes it.
 */
final class BoundedReader<T> extends ForwardingReader<T> {

  BoundedReader(SourceReader<T, KafkaPartitionSplit> delegate) {
    super(delegate);
  }

  static KafkaPartitionSplit bounded(KafkaPartitionSplit split) {
    return split.getStoppingOffset().isPresent()
        ? split
        : new KafkaPartitionSplit(
            split.getTopicPartition(),
            split.getStartingOffset(),
            KafkaPartitionSplit.LATEST_OFFSET);
  }

  @Override
  public void addSplits(List<KafkaPartitionSplit> splits) {
    delegate.addSplits(splits.stream().map(BoundedReader::bounded).toList());
  }
}
