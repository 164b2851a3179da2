package io.cscmon.flink.source;

import io.cscmon.core.ingest.NdjsonLines;
import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.RejectReason;
import io.cscmon.core.parse.Rejection;
import io.cscmon.core.parse.TimestampGuard;
import io.cscmon.flink.serial.CompactTypes;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads an NDJSON file line by line, numbering the lines so that a rejection can name its line.
 * Compressed files ({@code .gz}) are inflated by the file source from their extension. Not
 * splittable: line numbers need the file read from its start. On restore from a checkpoint the file
 * source replays {@code read()} up to the checkpointed record, so the numbering stays right.
 *
 * <p>Hostile files: lines are split on bytes and decoded strictly, so a line that is not UTF-8 is
 * rejected on its own instead of being accepted with U+FFFD in place of its bad bytes; a line too
 * long for the parser is skipped to its end without being held in memory, so one endless line
 * cannot exhaust the heap.
 *
 * <p>Each readable line is parsed here ({@link RawLine#parsed()}): the file source's reader runs on
 * its fetcher thread, so the parse — about half of the source's work per line — runs beside the
 * task thread that stamps, routes and serializes the events instead of on it, and a single file no
 * longer has one thread do all of it (docs/benchmarks.md, round 7). The order of the lines, and so
 * every result, is the same.
 */
public final class NumberedLineFormat extends SimpleStreamFormat<RawLine> {

  /**
   * Beyond this many bytes a line is surely longer than the parser's character limit (a UTF-8 byte
   * sequence of 1 to 3 bytes is one UTF-16 char, of 4 bytes two): rejected unread.
   */
  static final int MAX_LINE_BYTES = 3 * EventParser.DEFAULT_MAX_LINE_CHARS + 3;

  /** How much of a too-long line its dead letter keeps. */
  private static final int SHOWN_BYTES = 1024;

  private final String origin;

  /**
   * @param origin how rejections name the input, e.g. the file's name
   */
  public NumberedLineFormat(String origin) {
    this.origin = origin;
  }

  @Override
  public StreamFormat.Reader<RawLine> createReader(Configuration config, FSDataInputStream stream) {
    return new Reader(stream, origin, MAX_LINE_BYTES);
  }

  @Override
  public TypeInformation<RawLine> getProducedType() {
    return CompactTypes.RAW_LINE;
  }

  static final class Reader implements StreamFormat.Reader<RawLine>, NdjsonLines.Visitor {
    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    private final InputStream in;
    private final String origin;
    private final int maxLineBytes;
    private final NdjsonLines.LineDecoder decoder = new NdjsonLines.LineDecoder();
    // A recorded file: judged by its own lines, never the wall clock (same file, same output).
    private final TimestampGuard guard = TimestampGuard.recorded();
    private final EventParser parser = new EventParser(guard, EventParser.DEFAULT_MAX_LINE_CHARS);

    /**
     * The file's first lines, read before the first is judged ({@link #lookAhead}) and handed out
     * in order, parsed then; null once they are.
     */
    private ArrayDeque<RawLine> firstLines;

    private boolean lookingAhead;
    private boolean lookedAhead;
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] buffer = new byte[8192];
    private long line;
    private RawLine decoded;

    /** Why the input stopped before its end (a truncated .gz), until that has been reported. */
    private IOException broken;

    private boolean brokenReported;

    Reader(InputStream in, String origin, int maxLineBytes) {
      this.in = in;
      this.origin = origin;
      this.maxLineBytes = maxLineBytes;
    }

    @Override
    public RawLine read() throws IOException {
      if (!lookedAhead) {
        lookAhead();
      }
      RawLine first = firstLines == null ? null : firstLines.poll();
      if (first == null) {
        firstLines = null;
        return readLine();
      }
      return first.unreadable() != null
          ? first
          : RawLine.parsed(
              origin, first.line(), first.text(), parser.parse(first.text(), first.line()));
    }

    /**
     * Reads the file's first {@link TimestampGuard#SEED_LINES} lines unparsed and seeds the 7-day
     * rule's guard with their times, so that a first line from a wrong clock is judged against the
     * lines after it rather than becoming the newest event every later line is judged against.
     */
    private void lookAhead() throws IOException {
      lookedAhead = true;
      firstLines = new ArrayDeque<>();
      long[] times = new long[TimestampGuard.SEED_LINES];
      int timed = 0;
      lookingAhead = true;
      try {
        while (timed < times.length) {
          RawLine next = readLine();
          if (next == null) {
            break;
          }
          firstLines.add(next);
          long ts =
              next.unreadable() == null ? parser.timeBeforeTheGuard(next.text()) : Long.MIN_VALUE;
          if (ts != Long.MIN_VALUE) {
            times[timed++] = ts;
          }
        }
      } finally {
        lookingAhead = false;
      }
      guard.seed(times, timed);
    }

    private RawLine readLine() throws IOException {
      if (pos == limit && !fill()) {
        return brokenOff(0);
      }
      int end = newline(chunk, pos, limit);
      if (end < limit && end - pos <= maxLineBytes && line > 0) {
        // The usual case, the whole line in the chunk: decoded from there, without the copy into
        // the line buffer (the first line goes the long way, for its byte order mark).
        int from = pos;
        pos = end + 1;
        line++;
        if (end > from && chunk[end - 1] == '\r') {
          end--;
        }
        decoder.decode(chunk, from, end, line, this);
        return decoded;
      }
      return readAcrossChunks();
    }

    /** A line that crosses chunks, is the first, or is too long; its bytes go to the buffer. */
    private RawLine readAcrossChunks() throws IOException {
      int length = 0;
      long total = 0;
      boolean ended = false;
      while (!ended) {
        if (pos == limit && !fill()) {
          if (total == 0 || broken != null) {
            return brokenOff(total);
          }
          break;
        }
        int end = newline(chunk, pos, limit);
        ended = end < limit;
        int n = end - pos;
        total += n + (ended ? 1 : 0);
        int keep = Math.min(n, maxLineBytes - length);
        if (keep > 0) {
          if (length + keep > buffer.length) {
            buffer =
                Arrays.copyOf(buffer, Math.min(maxLineBytes, Math.max(length + keep, 2 * length)));
          }
          System.arraycopy(chunk, pos, buffer, length, keep);
          length += keep;
        }
        pos = ended ? end + 1 : end;
      }
      if (ended) {
        total--; // the terminator is no part of the line
      }
      line++;
      int from = line == 1 && NdjsonLines.hasBom(buffer, length) ? 3 : 0;
      if (total > maxLineBytes) {
        return tooLong(total, from);
      }
      if (length > from && buffer[length - 1] == '\r') {
        length--;
      }
      decoder.decode(buffer, from, length, line, this);
      return decoded;
    }

    /**
     * The index of the first '\n' in {@code b[from, to)}, or {@code to}: eight bytes at a time,
     * where a byte-by-byte loop was a visible share of the source thread. A byte of {@code word} is
     * zero where the line has '\n'; {@code (x - 0x01..) & ~x & 0x80..} marks the lowest zero byte
     * exactly (borrows can only mark bytes above it), and the bytes are little-endian.
     */
    static int newline(byte[] b, int from, int to) {
      int i = from;
      for (; i + Long.BYTES <= to; i += Long.BYTES) {
        long word = (long) LONGS.get(b, i) ^ NEWLINES;
        long zero = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
        if (zero != 0) {
          return i + (Long.numberOfTrailingZeros(zero) >>> 3);
        }
      }
      while (i < to && b[i] != '\n') {
        i++;
      }
      return i;
    }

    private boolean fill() throws IOException {
      if (broken != null) {
        return false;
      }
      int n;
      try {
        n = in.read(chunk, 0, chunk.length);
      } catch (EOFException | ZipException e) {
        // A .gz cut short (a copy still running, a full disk) or damaged: the lines read so far
        // are as good as any, so they stand, and the break becomes a dead letter of its own
        // instead of failing the whole replay (nothing valid is lost, CONTRACT §1).
        broken = e;
        return false;
      }
      if (n <= 0) {
        return false;
      }
      pos = 0;
      limit = n;
      return true;
    }

    /**
     * At the end of the input: null if it ended as it should; else, once, a dead letter naming the
     * line where it broke off ({@code partial} bytes of it had been read, which are dropped).
     */
    private RawLine brokenOff(long partial) {
      if (broken == null || brokenReported) {
        return null;
      }
      brokenReported = true;
      line++;
      String message =
          "the input breaks off "
              + (partial == 0 ? "before this line" : "after " + partial + " bytes of this line")
              + " ("
              + broken.getClass().getSimpleName()
              + ": "
              + broken.getMessage()
              + "): a truncated or corrupt compressed file? The "
              + (line - 1)
              + " lines before it were read.";
      return RawLine.unreadable(
          origin,
          "",
          new Rejection(line, Rejection.WHOLE_LINE, RejectReason.UNREADABLE_INPUT, message));
    }

    private RawLine tooLong(long total, int from) {
      String shown =
          new String(
                  buffer, from, Math.min(SHOWN_BYTES, maxLineBytes - from), StandardCharsets.UTF_8)
              + "…";
      return RawLine.unreadable(
          origin,
          shown,
          new Rejection(
              line,
              Rejection.WHOLE_LINE,
              RejectReason.LINE_TOO_LONG,
              "line is " + total + " bytes, more than the " + maxLineBytes + " bytes it may have"));
    }

    @Override
    public void line(long lineNo, String text) {
      decoded =
          lookingAhead
              ? RawLine.uncounted(origin, lineNo, text)
              : RawLine.parsed(origin, lineNo, text, parser.parse(text, lineNo));
    }

    @Override
    public void invalid(Rejection rejection, String replaced) {
      decoded = RawLine.unreadable(origin, replaced, rejection);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
