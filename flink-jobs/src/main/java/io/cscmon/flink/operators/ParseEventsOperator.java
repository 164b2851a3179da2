package io.cscmon.flink.operators;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.parse.EventClock;
import io.cscmon.flink.source.RawLine;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Runs {@link ParseEvents} and settles the lines it holds where a function cannot: at the end of a
 * bounded input (a replay's last lines) and before a checkpoint's barrier (held lines are not in
 * its state). A replayed input that has not started yet starts with the lines it has; lines ahead
 * of their input's event time are rejected, as a line that is not ahead would: nothing waits for a
 * jump that can no longer come, nothing is dropped unseen. Lines let through after others came go
 * out with their own event time, which a function's collector cannot give them.
 */
public final class ParseEventsOperator extends ProcessOperator<RawLine, CallEvent>
    implements BoundedOneInput {

  public ParseEventsOperator(ParseEvents parse) {
    super(parse);
  }

  @Override
  public void open() throws Exception {
    ((ParseEvents) userFunction).timedOutput(this::collect); // not serialized with the function
    super.open();
  }

  @Override
  public void endInput() {
    ((ParseEvents) userFunction).settle();
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    ((ParseEvents) userFunction).settle();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @SuppressWarnings("unchecked") // the main output's type is the tag-less one: CallEvent
  private <T> void collect(OutputTag<T> tag, T value, long ts) {
    StreamRecord<T> record =
        ts == EventClock.NONE ? new StreamRecord<>(value) : new StreamRecord<>(value, ts);
    if (tag == null) {
      output.collect((StreamRecord<CallEvent>) record);
    } else {
      output.collect(tag, record);
    }
  }
}
