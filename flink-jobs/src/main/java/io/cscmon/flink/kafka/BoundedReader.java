package io.cscmon.flink.kafka;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.InputStatus;

/**
 * The reader of a bounded {@link BoundedRestore}: a split restored from the state of an unbounded
 * run (the service, stopped with a savepoint or killed) carries that run's "no stopping offset",
 * and the connector's reader takes the stopping offset from the split, not from the source; such a
 * split would be read forever and the bounded job never end. Here it gets the bounded source's
 * stopping offset, the partition's latest at the time the reader takes it.
 */
final class BoundedReader<T> implements SourceReader<T, KafkaPartitionSplit> {

  private final SourceReader<T, KafkaPartitionSplit> delegate;

  BoundedReader(SourceReader<T, KafkaPartitionSplit> delegate) {
    this.delegate = delegate;
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

  @Override
  public void start() {
    delegate.start();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
    return delegate.pollNext(output);
  }

  @Override
  public List<KafkaPartitionSplit> snapshotState(long checkpointId) {
    return delegate.snapshotState(checkpointId);
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return delegate.isAvailable();
  }

  @Override
  public void notifyNoMoreSplits() {
    delegate.notifyNoMoreSplits();
  }

  @Override
  public void handleSourceEvents(SourceEvent sourceEvent) {
    delegate.handleSourceEvents(sourceEvent);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    delegate.notifyCheckpointComplete(checkpointId);
  }

  @Override
  public void notifyCheckpointAborted(long checkpointId) throws Exception {
    delegate.notifyCheckpointAborted(checkpointId);
  }

  @Override
  public void pauseOrResumeSplits(
      Collection<String> splitsToPause, Collection<String> splitsToResume) {
    delegate.pauseOrResumeSplits(splitsToPause, splitsToResume);
  }

  @Override
  public void close() throws Exception {
    delegate.close();
  }
}
