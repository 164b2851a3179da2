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
 * A Kafka source reader that hands every call to the connector's reader; the wrappers of this
 * package override the few calls they change.
 */
abstract class ForwardingReader<T> implements SourceReader<T, KafkaPartitionSplit> {

  protected final SourceReader<T, KafkaPartitionSplit> delegate;

  ForwardingReader(SourceReader<T, KafkaPartitionSplit> delegate) {
    this.delegate = delegate;
  }

  @Override
  public void addSplits(List<KafkaPartitionSplit> splits) {
    delegate.addSplits(splits);
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
  public void pauseOrResumeSplits(
      Collection<String> splitsToPause, Collection<String> splitsToResume) {
    delegate.pauseOrResumeSplits(splitsToPause, splitsToResume);
  }

  @Override
  public void close() throws Exception {
    delegate.close();
  }

  @Override
  public void notifyCheckpointAborted(long checkpointId) throws Exception {
    delegate.notifyCheckpointAborted(checkpointId);
  }
}
