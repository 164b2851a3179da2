package io.cscmon.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;

/**
 * The reader of a bounded feed ends only once the enumerator has said there are no more splits; a
 * reader of an unbounded feed that gets no split goes idle instead of ending.
 */
class PullSourceTest {

  /** A feed with nothing in it, finished from the start: the rules source of a replay. */
  private static final RecordFeed.Factory<String> EMPTY =
      () ->
          new RecordFeed<>() {
            @Override
            public String poll() {
              return null;
            }

            @Override
            public boolean finished() {
              return true;
            }
          };

  @Test
  void aFinishedFeedWaitsForNoMoreSplitsBeforeEndingTheTask() throws Exception {
    SourceReader<String, PullSource.FeedSplit> reader =
        new PullSource<>(EMPTY, Boundedness.BOUNDED, Types.STRING).createReader(null);
    reader.addSplits(List.of(new PullSource.FeedSplit("feed")));

    // Ending here would let the enumerator's NoMoreSplitsEvent find the task finished: Flink then
    // fails the job over ("an OperatorEvent ... was lost"), and a bounded replay fails.
    assertThat(reader.pollNext(new Discard())).isEqualTo(InputStatus.NOTHING_AVAILABLE);

    reader.notifyNoMoreSplits();
    assertThat(reader.pollNext(new Discard())).isEqualTo(InputStatus.END_OF_INPUT);
    reader.close();
  }

  @Test
  void anUnboundedReaderWithoutTheSplitGoesIdleAndNeverEnds() throws Exception {
    SourceReader<String, PullSource.FeedSplit> reader =
        new PullSource<>(EMPTY, Boundedness.CONTINUOUS_UNBOUNDED, Types.STRING).createReader(null);
    Discard output = new Discard();
    assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(output.idleMarks).isZero(); // its split may still come

    reader.notifyNoMoreSplits();
    assertThat(reader.isAvailable()).isDone();
    // Finishing would send the end of event time downstream (see PullSource): it waits, idle.
    for (int poll = 0; poll < 3; poll++) {
      assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    }
    assertThat(output.idleMarks).isEqualTo(1);
    assertThat(output.watermarks).isZero();
    assertThat(reader.isAvailable()).isNotDone(); // nothing to poll for
    reader.close();
  }

  @Test
  void aBoundedReaderWithoutTheSplitEnds() throws Exception {
    SourceReader<String, PullSource.FeedSplit> reader =
        new PullSource<>(EMPTY, Boundedness.BOUNDED, Types.STRING).createReader(null);
    reader.notifyNoMoreSplits();
    Discard output = new Discard();
    assertThat(reader.pollNext(output)).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(output.idleMarks).isZero();
    reader.close();
  }

  private static final class Discard implements ReaderOutput<String> {
    int idleMarks;
    int watermarks;

    @Override
    public void collect(String record) {}

    @Override
    public void collect(String record, long timestamp) {}

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks++;
    }

    @Override
    public void markIdle() {
      idleMarks++;
    }

    @Override
    public void markActive() {}

    @Override
    public SourceOutput<String> createOutputForSplit(String splitId) {
      return this;
    }

    @Override
    public void releaseOutputForSplit(String splitId) {}
  }
}
