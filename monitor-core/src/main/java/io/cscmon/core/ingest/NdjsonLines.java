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

    /** A line that is not valid UTF-8. */
    void invalid(Rejection rejection);
  }

  /**
   * Visits every line of {@code body}: lines end at {@code '\n'}, a {@code '\r'} before it is
   * dropped, line numbers are 1-based. A UTF-8 byte order mark at the very start is skipped (some
   * Windows tools write one). A final line without terminator is a line; an empty remainder after
   * the last {@code '\n'} is not.
   */
  public static void split(byte[] body, Visitor visitor) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    int start = hasBom(body) ? 3 : 0;
    long lineNo = 0;
    while (start < body.length) {
      int end = indexOf(body, (byte) '\n', start);
      int next = end < 0 ? body.length : end + 1;
      int stop = end < 0 ? body.length : end;
      if (stop > start && body[stop - 1] == '\r') {
        stop--;
      }
      lineNo++;
      decode(decoder, body, start, stop, lineNo, visitor);
      start = next;
    }
  }

  private static void decode(
      CharsetDecoder decoder, byte[] body, int from, int to, long lineNo, Visitor visitor) {
    ByteBuffer bytes = ByteBuffer.wrap(body, from, to - from);
    try {
      CharBuffer chars = decoder.reset().decode(bytes);
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
              "line is not valid UTF-8: " + what + " byte sequence at byte " + offset));
    }
  }

  private static boolean hasBom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
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
