package io.cscmon.flink.operators;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.kpi.CallCountsBuffer;
import java.time.Duration;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums the call counts of this subtask per scope and window ({@link CallCountsBuffer}) and sends
 * each scope's partial counts once, when the watermark closes the window, instead of three or four
 * {@code CallFact}s per call event: the keyed window then adds up a few partials per scope and
 * minute. Partials go out before the watermark that closes their window and carry its last
 * millisecond as their time, so the window downstream never sees them late.
 *
 * <p>It keeps no state across checkpoints: before each checkpoint barrier it sends the open
 * windows' partial counts so far, which the keyed window downstream holds in its own checkpointed
 * state.
 */
public final class PreAggregateCallCounts extends AbstractStreamOperator<MinuteCounts>
    implements OneInputStreamOperator<CallEvent, MinuteCounts> {

  private final long windowMs;
  private final long targetAnswerMs;
  private transient CallCountsBuffer buffer;

  public PreAggregateCallCounts(Duration window, Duration targetAnswer) {
    this.windowMs = window.toMillis();
    this.targetAnswerMs = targetAnswer.toMillis();
  }

  @Override
  public void open() throws Exception {
    super.open();
    buffer = new CallCountsBuffer(windowMs, targetAnswerMs);
  }

  @Override
  public void processElement(StreamRecord<CallEvent> element) {
    buffer.add(element.getValue());
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    buffer.drainClosed(mark.getTimestamp(), this::emit);
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    buffer.drainAll(this::emit);
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    buffer.drainAll(this::emit);
    super.finish();
  }

  private void emit(
      String center,
      String dimension,
      String scope,
      long start,
      long end,
      io.cscmon.core.kpi.CallCounts counts) {
    output.collect(
        new StreamRecord<>(
            new MinuteCounts(center, dimension, scope, start, end, counts), end - 1));
  }
}
