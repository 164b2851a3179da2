package io.cscmon.flink.sink;

import io.cscmon.core.ingest.DeadLetterRotation;
import io.cscmon.core.ingest.RotatingLineFile;
import io.cscmon.core.metrics.DeadLetterMetrics;
import io.cscmon.flink.LocalServices;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes records as NDJSON lines to one local file; run it at parallelism 1. With an order it keeps
 * the records of a bounded input and writes them sorted when the input ends, so that the same input
 * gives byte-identical files whatever the parallelism and timing of the job (replay's promise);
 * without one it appends each line as it comes, buffered until the input ends or a checkpoint
 * (replay). The live service's sink is capped: past its size it rotates like the HTTP ingest's
 * dead-letter file ({@link RotatingLineFile}), counted by the {@link DeadLetterMetrics} registered
 * in {@link LocalServices} under the given name, if any (a job on a cluster has none and rotates
 * uncounted); it flushes each line as it comes, since a live job's input never ends and it may run
 * without checkpoints: a buffered dead letter was seen by nobody, and lost when the process was
 * stopped.
 */
public final class NdjsonFileSink<T> implements Sink<T> {

  /** A serializable encoder of one record to one line. */
  public interface Encoder<T> extends Function<T, String>, Serializable {}

  /** A serializable order. */
  public interface Order<T> extends Comparator<T>, Serializable {}

  private final String path;
  private final Encoder<T> encoder;
  private final Order<T> sortAtEnd;
  private final DeadLetterRotation rotation;
  private final String metricsService;

  private NdjsonFileSink(
      Path path,
      Encoder<T> encoder,
      Order<T> sortAtEnd,
      DeadLetterRotation rotation,
      String metricsService) {
    this.path = path.toAbsolutePath().toString();
    this.encoder = encoder;
    this.sortAtEnd = sortAtEnd;
    this.rotation = rotation;
    this.metricsService = metricsService;
  }

  private NdjsonFileSink(Path path, Encoder<T> encoder, Order<T> sortAtEnd) {
    this(path, encoder, sortAtEnd, null, null);
  }

  /**
   * Writes every record as it arrives, rotating the file past {@code rotation}'s cap; rotations are
   * counted by the {@link DeadLetterMetrics} registered as {@code metricsService} (nullable).
   */
  public static <T> NdjsonFileSink<T> appendingRotated(
      Path path, Encoder<T> encoder, DeadLetterRotation rotation, String metricsService) {
    return new NdjsonFileSink<>(path, encoder, null, rotation, metricsService);
  }

  /** Writes every record as it arrives. */
  public static <T> NdjsonFileSink<T> appending(Path path, Encoder<T> encoder) {
    return new NdjsonFileSink<>(path, encoder, null);
  }

  /** Writes all records at the end of a bounded input, in {@code order}. */
  public static <T> NdjsonFileSink<T> sortedAtEnd(Path path, Encoder<T> encoder, Order<T> order) {
    return new NdjsonFileSink<>(path, encoder, order);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    Path file = Path.of(path);
    if (rotation != null) {
      RotatingLineFile.Listener counted =
          (metricsService == null
                  ? java.util.Optional.<DeadLetterMetrics>empty()
                  : LocalServices.find(metricsService, DeadLetterMetrics.class))
              .map(m -> m.of(file.getFileName().toString()))
              .orElse(droppedBytes -> {});
      // Truncated like the unrotated file: a restarted job emits its dead letters again.
      return new RotatingWriter<>(new RotatingLineFile(file, rotation, counted, true), encoder);
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    BufferedWriter out =
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    return new Writer<>(out, encoder, sortAtEnd);
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private final BufferedWriter out;
    private final Encoder<T> encoder;
    private final Order<T> order;
    private final List<T> held = new ArrayList<>();

    Writer(BufferedWriter out, Encoder<T> encoder, Order<T> order) {
      this.out = out;
      this.encoder = encoder;
      this.order = order;
    }

    @Override
    public void write(T record, Context context) throws IOException {
      if (order != null) {
        held.add(record);
      } else {
        writeLine(record);
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      if (endOfInput && order != null) {
        held.sort(order);
        for (T record : held) {
          writeLine(record);
        }
        held.clear();
      }
      out.flush();
    }

    private void writeLine(T record) throws IOException {
      out.write(encoder.apply(record));
      out.write('\n');
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  private static final class RotatingWriter<T> implements SinkWriter<T> {
    private final RotatingLineFile out;
    private final Encoder<T> encoder;

    RotatingWriter(RotatingLineFile out, Encoder<T> encoder) {
      this.out = out;
      this.encoder = encoder;
    }

    @Override
    public void write(T record, Context context) throws IOException {
      out.write(encoder.apply(record));
      out.flush(); // dead letters are few and looked for at once (see the class comment)
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
