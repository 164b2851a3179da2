package io.cscmon.flink.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Flink {@link Source} over one {@link RecordFeed}: a single split, read by the first reader
 * subtask. For feeds that live in one process (the simulator, the HTTP ingest of the same JVM);
 * sources that scale out are the file and Kafka sources.
 *
 * <p>The other subtasks of a bounded source finish at once. Those of an unbounded source mark their
 * output idle and wait, never finishing: a finished source subtask sends the end of event time
 * (Long.MAX_VALUE) downstream, and each keyed operator then takes it as the watermark of that input
 * channel. As long as the feed's subtask is active the minimum hides it; but once the feed is quiet
 * for the idleness timeout and its channel goes idle, the minimum over the remaining channels is
 * that end of time: every window fires, and every later event is behind the watermark for good
 * (with more than one subtask, a minute without ingest froze the call KPIs). An idle channel that
 * never had a watermark is left out of the minimum and does not raise the flush of an all-idle
 * input either.
 */
public final class PullSource<T>
    implements Source<T, PullSource.FeedSplit, Boolean>, ResultTypeQueryable<T> {

  private static final int MAX_RECORDS_PER_POLL = 1024;
  private static final long IDLE_WAIT_MS = 5;

  private final RecordFeed.Factory<T> feed;
  private final Boundedness boundedness;
  private final TypeInformation<T> type;

  public PullSource(RecordFeed.Factory<T> feed, Boundedness boundedness, TypeInformation<T> type) {
    this.feed = feed;
    this.boundedness = boundedness;
    this.type = type;
  }

  @Override
  public Boundedness getBoundedness() {
    return boundedness;
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return type;
  }

  @Override
  public SourceReader<T, FeedSplit> createReader(SourceReaderContext context) {
    return new Reader<>(feed, boundedness == Boundedness.BOUNDED);
  }

  @Override
  public SplitEnumerator<FeedSplit, Boolean> createEnumerator(
      SplitEnumeratorContext<FeedSplit> context) {
    return new Enumerator(context, false);
  }

  @Override
  public SplitEnumerator<FeedSplit, Boolean> restoreEnumerator(
      SplitEnumeratorContext<FeedSplit> context, Boolean assigned) {
    return new Enumerator(context, assigned);
  }

  @Override
  public SimpleVersionedSerializer<FeedSplit> getSplitSerializer() {
    return new SplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
    return new AssignedSerializer();
  }

  /** The one split of a feed. */
  public record FeedSplit(String splitId) implements SourceSplit {}

  private static final class Enumerator implements SplitEnumerator<FeedSplit, Boolean> {
    private final SplitEnumeratorContext<FeedSplit> context;
    private boolean assigned;

    Enumerator(SplitEnumeratorContext<FeedSplit> context, boolean assigned) {
      this.context = context;
      this.assigned = assigned;
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<FeedSplit> splits, int subtaskId) {
      // The reader holding the split failed before a checkpoint: hand it out again.
      assigned = false;
      addReader(subtaskId);
    }

    @Override
    public void addReader(int subtaskId) {
      if (!assigned) {
        context.assignSplit(new FeedSplit("feed"), subtaskId);
        assigned = true;
      }
      context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public Boolean snapshotState(long checkpointId) {
      return assigned;
    }

    @Override
    public void close() {}
  }

  private static final class Reader<T> implements SourceReader<T, FeedSplit> {
    private final RecordFeed.Factory<T> factory;
    private final boolean bounded;
    private final List<FeedSplit> splits = new ArrayList<>();
    private RecordFeed<T> feed;
    private boolean noMoreSplits;
    private boolean markedIdle;
    private final CompletableFuture<Void> splitArrived = new CompletableFuture<>();

    /** Never completes: what a subtask without the split of an unbounded feed waits on. */
    private final CompletableFuture<Void> never = new CompletableFuture<>();

    Reader(RecordFeed.Factory<T> factory, boolean bounded) {
      this.factory = factory;
      this.bounded = bounded;
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
      if (feed == null) {
        if (!noMoreSplits) {
          return InputStatus.NOTHING_AVAILABLE;
        }
        if (bounded) {
          return InputStatus.END_OF_INPUT;
        }
        // Unbounded and without the split: idle for good, never finished (see the class comment).
        if (!markedIdle) {
          output.markIdle();
          markedIdle = true;
        }
        return InputStatus.NOTHING_AVAILABLE;
      }
      for (int i = 0; i < MAX_RECORDS_PER_POLL; i++) {
        T record = feed.poll();
        if (record == null) {
          // Ending before the enumerator's "no more splits" has arrived would let that event find
          // the task finished: Flink counts it lost and fails the job over (a bounded replay then
          // fails with TaskNotRunningException). So a finished feed also waits for it.
          return feed.finished() && noMoreSplits
              ? InputStatus.END_OF_INPUT
              : InputStatus.NOTHING_AVAILABLE;
        }
        output.collect(record);
      }
      return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      if (feed == null) {
        // Before its split or "no more splits" it waits for them; after "no more splits" without
        // a split, an unbounded reader has nothing to wait for (pollNext has marked it idle).
        return !noMoreSplits || !markedIdle ? splitArrived : never;
      }
      // Feeds are polled, not pushed: look again shortly.
      return CompletableFuture.runAsync(
          () -> {}, CompletableFuture.delayedExecutor(IDLE_WAIT_MS, TimeUnit.MILLISECONDS));
    }

    @Override
    public List<FeedSplit> snapshotState(long checkpointId) {
      return List.copyOf(splits);
    }

    @Override
    public void addSplits(List<FeedSplit> newSplits) {
      splits.addAll(newSplits);
      if (feed == null && !newSplits.isEmpty()) {
        try {
          feed = factory.open();
        } catch (Exception e) {
          throw new IllegalStateException("cannot open the record feed", e);
        }
      }
      splitArrived.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
      noMoreSplits = true;
      splitArrived.complete(null);
    }

    @Override
    public void close() throws Exception {
      if (feed != null) {
        feed.close();
      }
    }
  }

  private static final class SplitSerializer implements SimpleVersionedSerializer<FeedSplit> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(FeedSplit split) {
      return split.splitId().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public FeedSplit deserialize(int version, byte[] bytes) throws IOException {
      return new FeedSplit(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private static final class AssignedSerializer implements SimpleVersionedSerializer<Boolean> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Boolean assigned) {
      return new byte[] {(byte) (Boolean.TRUE.equals(assigned) ? 1 : 0)};
    }

    @Override
    public Boolean deserialize(int version, byte[] bytes) {
      return bytes.length > 0 && bytes[0] == 1;
    }
  }
}
