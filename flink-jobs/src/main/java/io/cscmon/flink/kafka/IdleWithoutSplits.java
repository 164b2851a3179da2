package io.cscmon.flink.kafka;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.InputStatus;

/**
 * The reader of an unbounded Kafka source that marks its output idle as soon as the enumerator says
 * it has no partition for it ({@link AssignmentRounds.NothingMoreForNow}) and it holds none. With
 * more source subtasks than partitions, such a subtask emits no watermark at all; until it is idle,
 * downstream operators take the minimum over it too, so no window closes and no alert fires until
 * the watermark strategy's idleness timeout (a minute) — after every start. Marked idle, it stops
 * holding event time back at once. A partition assigned to it later (one added to the topic) brings
 * its own split output, whose first watermark makes the output active again (Flink's {@code
 * WatermarkToDataOutput}).
 *
 * <p>The mark goes through the reader's main output, which Flink's source operator only marks idle
 * on the subtask's output while no split output holds back (its {@code IdlenessManager}): exactly
 * the reader without splits. It is given from {@link #pollNext}, the only call that has the output;
 * {@link #isAvailable} wakes the operator for it when the news comes while it waits for data.
 */
final class IdleWithoutSplits<T> extends ForwardingReader<T> {

  private boolean holdsSplits;
  private boolean toldNothingMore;
  private boolean markedIdle;
  private final CompletableFuture<Void> told = new CompletableFuture<>();

  IdleWithoutSplits(SourceReader<T, KafkaPartitionSplit> delegate) {
    super(delegate);
  }

  @Override
  public void addSplits(List<KafkaPartitionSplit> splits) {
    holdsSplits |= !splits.isEmpty(); // restored splits come this way too, before any poll
    delegate.addSplits(splits);
  }

  @Override
  public void handleSourceEvents(SourceEvent event) {
    if (event instanceof AssignmentRounds.NothingMoreForNow) {
      toldNothingMore = true;
      told.complete(null);
    } else {
      delegate.handleSourceEvents(event);
    }
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
    InputStatus status = delegate.pollNext(output);
    if (toldNothingMore && !holdsSplits && !markedIdle) {
      output.markIdle();
      markedIdle = true;
    }
    return status;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    if (markedIdle || holdsSplits) {
      return delegate.isAvailable();
    }
    if (toldNothingMore) {
      return CompletableFuture.completedFuture(null); // poll once more, to mark the output idle
    }
    return CompletableFuture.anyOf(delegate.isAvailable(), told).thenApply(ignored -> null);
  }
}
