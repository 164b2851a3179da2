package io.cscmon.flink.kafka;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;

/**
 * The context the connector's Kafka enumerator works in, telling each reader when a round of split
 * assignment is over: {@link NothingMoreForNow} goes to every registered reader after each
 * partition discovery has assigned what it found, and to a reader that registers later once its
 * pending splits are assigned. Operator events reach a reader in the order they were sent, so a
 * reader told this while it holds no split really has none coming (until a partition is added):
 * {@link IdleWithoutSplits} then marks its output idle at once instead of after the source's
 * idleness timeout. Telling it before the assignment is settled would let a reader whose split is
 * still on its way go idle, the others' event time run ahead, and its first events come late.
 *
 * <p>A discovery round is the connector's {@code callAsync} chain (list the partitions, then, if
 * any are new, look up their offsets and assign them); it is over when a handler returns without
 * scheduling a next step. Everything here runs in the coordinator's thread.
 */
final class AssignmentRounds implements SplitEnumeratorContext<KafkaPartitionSplit> {

  /** Sent to a reader: every split the enumerator has for it now has been sent before this. */
  static final class NothingMoreForNow implements SourceEvent {
    private static final long serialVersionUID = 1L;
  }

  private final SplitEnumeratorContext<KafkaPartitionSplit> context;
  private boolean nextStepScheduled;
  private boolean settledOnce;

  AssignmentRounds(SplitEnumeratorContext<KafkaPartitionSplit> context) {
    this.context = context;
  }

  /** The connector's enumerator working in {@code rounds}, telling readers that register late. */
  static SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> telling(
      SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> enumerator,
      AssignmentRounds rounds) {
    return new ForwardingEnumerator(enumerator) {
      @Override
      public void addReader(int subtaskId) {
        delegate.addReader(subtaskId); // assigns the splits pending for this reader, if any
        rounds.readerAdded(subtaskId);
      }
    };
  }

  void readerAdded(int subtaskId) {
    if (settledOnce) {
      context.sendEventToSourceReader(subtaskId, new NothingMoreForNow());
    }
  }

  private <T> BiConsumer<T, Throwable> thenTell(BiConsumer<T, Throwable> handler) {
    return (result, error) -> {
      nextStepScheduled = false;
      handler.accept(result, error);
      if (!nextStepScheduled) {
        settledOnce = true;
        for (int subtask : context.registeredReaders().keySet()) {
          context.sendEventToSourceReader(subtask, new NothingMoreForNow());
        }
      }
    };
  }

  @Override
  public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
    nextStepScheduled = true;
    context.callAsync(callable, thenTell(handler));
  }

  @Override
  public <T> void callAsync(
      Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {
    context.callAsync(callable, thenTell(handler), initialDelay, period);
  }

  @Override
  public SplitEnumeratorMetricGroup metricGroup() {
    return context.metricGroup();
  }

  @Override
  public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
    context.sendEventToSourceReader(subtaskId, event);
  }

  @Override
  public void sendEventToSourceReader(int subtaskId, int attemptNumber, SourceEvent event) {
    context.sendEventToSourceReader(subtaskId, attemptNumber, event);
  }

  @Override
  public int currentParallelism() {
    return context.currentParallelism();
  }

  @Override
  public Map<Integer, ReaderInfo> registeredReaders() {
    return context.registeredReaders();
  }

  @Override
  public Map<Integer, Map<Integer, ReaderInfo>> registeredReadersOfAttempts() {
    return context.registeredReadersOfAttempts();
  }

  @Override
  public void assignSplits(SplitsAssignment<KafkaPartitionSplit> newSplitAssignments) {
    context.assignSplits(newSplitAssignments);
  }

  @Override
  public void assignSplit(KafkaPartitionSplit split, int subtask) {
    context.assignSplit(split, subtask);
  }

  @Override
  public void signalNoMoreSplits(int subtask) {
    context.signalNoMoreSplits(subtask);
  }

  @Override
  public void runInCoordinatorThread(Runnable runnable) {
    context.runInCoordinatorThread(runnable);
  }

  @Override
  public void setIsProcessingBacklog(boolean isProcessingBacklog) {
    context.setIsProcessingBacklog(isProcessingBacklog);
  }
}
