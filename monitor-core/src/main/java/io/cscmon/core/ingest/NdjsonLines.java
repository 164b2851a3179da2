package io.cscmon.core.ingest;

import io.cscmon.core.parse.RejectReason;
import io.cscmon.core.parse.Rejection;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Splits an NDJSON body into lines. Works on bytes rather than on a decoded string so that one line
 * with invalid UTF-8 is rejected on its own: decoding the whole body at once would either fail
 * every line or silently replace the bad bytes with U+FFFD and accept altered data.
 */
public final class NdjsonLines {
  private NdjsonLines() {}

  /** Receives each line of a body, in order. */
  public interface Visitor {
    /** A line decoded as UTF-8, without its terminator; may be blank. */
    void line(long lineNo, String text);

    /**
     * A line that is not valid UTF-8.
     *
     * @param replaced the line with each bad sequence replaced by U+FFFD, to show in dead letters
     */
    void invalid(Rejection rejection, String replaced);
  }

  /**
   * Visits every line of {@code body}: lines end at {@code '\n'}, a {@code '\r'} before it is
   * dropped, line numbers are 1-based. A UTF-8 byte order mark at the very start is skipped (some
   * Windows tools write one). A final line without terminator is a line; an empty remainder after
   * the last {@code '\n'} is not.
   */
  public static void split(byte[] body, Visitor visitor) {
    LineDecoder decoder = new LineDecoder();
    int start = hasBom(body, body.length) ? 3 : 0;
    long lineNo = 0;
    while (start < body.length) {
      int end = indexOf(body, (byte) '\n', start);
      int next = end < 0 ? body.length : end + 1;
      int stop = end < 0 ? body.length : end;
      if (stop > start && body[stop - 1] == '\r') {
        stop--;
      }
      lineNo++;
      decoder.decode(body, start, stop, lineNo, visitor);
      start = next;
    }
  }

  /**
   * Decodes one line at a time with a reused decoder, for sources that find the line ends
   * themselves (files, Kafka messages). Not thread-safe.
   */
  public static final class LineDecoder {
    private static final char REPLACEMENT = '\uFFFD';

    private final CharsetDecoder strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** Hands {@code body[from, to)} to {@code visitor} as line {@code lineNo}. */
    public void decode(byte[] body, int from, int to, long lineNo, Visitor visitor) {
      // The String constructor decodes an ASCII line with one intrinsic copy, where the strict
      // decoder fills a CharBuffer and copies it again. It puts U+FFFD for bad bytes instead of
      // failing, so a line with U+FFFD in it (bad bytes, or a real U+FFFD) is judged strictly.
      String text = new String(body, from, to - from, StandardCharsets.UTF_8);
      if (text.indexOf(REPLACEMENT) < 0) {
        visitor.line(lineNo, text);
        return;
      }
      ByteBuffer bytes = ByteBuffer.wrap(body, from, to - from);
      try {
        CharBuffer chars = strict.reset().decode(bytes);
        visitor.line(lineNo, chars.toString());
      } catch (CharacterCodingException e) {
        // decode() leaves the buffer at the first bad byte; report it relative to the line start.
        int offset = bytes.position() - from;
        String what = e instanceof MalformedInputException ? "malformed" : "unmappable";
        visitor.invalid(
            new Rejection(
                lineNo,
                Rejection.WHOLE_LINE,
                RejectReason.INVALID_UTF8,
                "line is not valid UTF-8: " + what + " byte sequence at byte " + offset),
            new String(body, from, to - from, StandardCharsets.UTF_8));
      }
    }
  }

  /** Whether the first {@code length} bytes start with a UTF-8 byte order mark. */
  public static boolean hasBom(byte[] b, int length) {
    return length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
  }

  private static int indexOf(byte[] b, byte target, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == target) {
        return i;
      }
    }
    return -1;
  }
}
