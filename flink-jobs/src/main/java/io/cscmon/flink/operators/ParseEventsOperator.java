package io.cscmon.flink.operators;

import io.cscmon.core.event.CallEvent;
import io.cscmon.flink.source.RawLine;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs {@link ParseEvents} and settles the lines it holds ahead of their input's event time where a
 * function cannot: at the end of a bounded input (a replay's last lines) and before a checkpoint's
 * barrier (held lines are not in its state). Both reject them, as a line that is not ahead would:
 * nothing waits for a jump that can no longer come, nothing is dropped unseen.
 */
public final class ParseEventsOperator extends ProcessOperator<RawLine, CallEvent>
    implements BoundedOneInput {

  public ParseEventsOperator(ParseEvents parse) {
    super(parse);
  }

  @Override
  public void endInput() {
    rejectHeld();
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    rejectHeld();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  private void rejectHeld() {
    for (DeadLetter letter : ((ParseEvents) userFunction).rejectHeld()) {
      output.collect(ParseEvents.DEAD_LETTERS, new StreamRecord<>(letter));
    }
  }
}
