package io.cscmon.flink.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The events topic's {@link KafkaSource} with two gaps of the connector (5.0.0-2.2) closed:
 *
 * <ul>
 *   <li><b>Unbounded: a subtask without a partition holds event time back.</b> With more source
 *       subtasks than partitions, a reader without a split emits no watermark, and downstream
 *       nothing closes until the idleness timeout marks it idle (a minute after every start). Here
 *       the enumerator tells each reader when an assignment round is over ({@link
 *       AssignmentRounds}), and a reader that then holds no split marks itself idle at once ({@link
 *       IdleWithoutSplits}).
 *   <li><b>Bounded: a restored job never ends.</b> The connector's enumerator tells its readers
 *       that no more splits will come only from the partition discovery that hands out new splits;
 *       restored from a checkpoint in which every partition was already assigned, that discovery
 *       finds nothing new, the signal never comes, and a bounded job waits forever at the end of
 *       its stopping offsets. This wrapper sends the signal to each reader as it registers in that
 *       case, after the enumerator has assigned it whatever it still holds (splits handed back
 *       after a failure); {@link BoundedReader} gives restored splits of an unbounded run a
 *       stopping offset. Partitions added to the topic between the checkpoint and the restore are
 *       not read by such a restored bounded job.
 * </ul>
 *
 * The splits and the enumerator's state are the connector's own, so checkpoints and savepoints of
 * the plain {@code KafkaSource} restore into this one and back.
 */
public final class KafkaEventsSource<T>
    implements Source<T, KafkaPartitionSplit, KafkaSourceEnumState>, ResultTypeQueryable<T> {

  private final KafkaSource<T> kafka;

  public KafkaEventsSource(KafkaSource<T> kafka) {
    this.kafka = kafka;
  }

  private boolean bounded() {
    return kafka.getBoundedness() == Boundedness.BOUNDED;
  }

  @Override
  public Boundedness getBoundedness() {
    return kafka.getBoundedness();
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return kafka.getProducedType();
  }

  @Override
  public SourceReader<T, KafkaPartitionSplit> createReader(SourceReaderContext context)
      throws Exception {
    SourceReader<T, KafkaPartitionSplit> reader = kafka.createReader(context);
    // A bounded reader without a split finishes, which releases event time by itself.
    return bounded() ? new BoundedReader<>(reader) : new IdleWithoutSplits<>(reader);
  }

  @Override
  public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
      SplitEnumeratorContext<KafkaPartitionSplit> context) {
    if (bounded()) {
      return kafka.createEnumerator(context);
    }
    AssignmentRounds rounds = new AssignmentRounds(context);
    return AssignmentRounds.telling(kafka.createEnumerator(rounds), rounds);
  }

  @Override
  public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
      SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState state)
      throws Exception {
    if (!bounded()) {
      AssignmentRounds rounds = new AssignmentRounds(context);
      return AssignmentRounds.telling(kafka.restoreEnumerator(rounds, state), rounds);
    }
    SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restored =
        kafka.restoreEnumerator(context, state);
    boolean allAssigned = state.initialDiscoveryFinished() && state.unassignedSplits().isEmpty();
    return allAssigned ? new SignallingEnumerator(restored, context) : restored;
  }

  @Override
  public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
    return kafka.getSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
    return kafka.getEnumeratorCheckpointSerializer();
  }

  /** Signals each registering reader that no more splits will come (see the class comment). */
  private static final class SignallingEnumerator extends ForwardingEnumerator {
    private final SplitEnumeratorContext<KafkaPartitionSplit> context;

    SignallingEnumerator(
        SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> delegate,
        SplitEnumeratorContext<KafkaPartitionSplit> context) {
      super(delegate);
      this.context = context;
    }

    @Override
    public void addReader(int subtaskId) {
      delegate.addReader(subtaskId); // assigns what the enumerator holds for this reader, if any
      context.signalNoMoreSplits(subtaskId);
    }
  }
}
