package io.cscmon.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.ParseResult;
import io.cscmon.core.parse.RejectReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file reader on bytes: line ends, byte order mark, bad UTF-8, lines too long to hold. */
class NumberedLineFormatTest {

  /** Hands out at most 3 bytes per read, so that lines cross the reader's chunks. */
  private static InputStream trickle(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 3));
      }
    };
  }

  private static List<RawLine> read(byte[] bytes, int maxLineBytes) throws Exception {
    List<RawLine> out = new ArrayList<>();
    try (NumberedLineFormat.Reader reader =
        new NumberedLineFormat.Reader(trickle(bytes), "f", maxLineBytes)) {
      RawLine line;
      while ((line = reader.read()) != null) {
        out.add(line);
      }
    }
    return out;
  }

  @Test
  void numbersLinesDropsCarriageReturnsAndTheByteOrderMark() throws Exception {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    in.write("first\r\n\nthird 上海\nlast".getBytes(StandardCharsets.UTF_8));

    assertThat(read(in.toByteArray(), 100))
        .extracting(l -> l.line() + ":" + l.text())
        .containsExactly("1:first", "2:", "3:third 上海", "4:last");
  }

  @Test
  void rejectsBadUtf8AndOverlongLinesAndReadsOnAfterThem() throws Exception {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write("ok\n".getBytes(StandardCharsets.UTF_8));
    in.write(new byte[] {'a', (byte) 0xC3, '(', '\n'});
    in.write(("x".repeat(50) + "\n").getBytes(StandardCharsets.UTF_8));
    in.write("after\n".getBytes(StandardCharsets.UTF_8));

    List<RawLine> lines = read(in.toByteArray(), 20);

    assertThat(lines).extracting(RawLine::line).containsExactly(1L, 2L, 3L, 4L);
    assertThat(lines.get(0).unreadable()).isNull();
    assertThat(lines.get(1).unreadable().reason()).isEqualTo(RejectReason.INVALID_UTF8);
    assertThat(lines.get(1).text()).isEqualTo("a\uFFFD(");
    assertThat(lines.get(2).unreadable().reason()).isEqualTo(RejectReason.LINE_TOO_LONG);
    assertThat(lines.get(2).unreadable().message()).contains("50 bytes");
    assertThat(lines.get(2).text()).startsWith("x".repeat(20)).hasSize(21);
    assertThat(lines.get(3).text()).isEqualTo("after");
    assertThat(lines.get(3).unreadable()).isNull();
  }

  /**
   * Whole chunks at once, so that most lines are decoded straight from the chunk: every length from
   * 0 to 40 (the newline search goes eight bytes at a time), with and without '\r', a bad byte and
   * an overlong line among them; the same lines as a trickle of 3 bytes per read gives.
   */
  @Test
  void readsTheSameLinesFromWholeChunksAsFromATrickle() throws Exception {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    List<String> expected = new ArrayList<>();
    for (int n = 0; n <= 40; n++) {
      String text = "上".repeat(n % 3) + "abcdefghijklmnopqrstuvwxyz0123456789abcd".substring(0, n);
      in.write((text + (n % 2 == 0 ? "\n" : "\r\n")).getBytes(StandardCharsets.UTF_8));
      expected.add(text);
    }
    in.write(new byte[] {'a', (byte) 0xC3, '(', '\n'});
    in.write(("y".repeat(70) + "\nend").getBytes(StandardCharsets.UTF_8));
    byte[] bytes = in.toByteArray();

    List<RawLine> whole = new ArrayList<>();
    try (NumberedLineFormat.Reader reader =
        new NumberedLineFormat.Reader(new ByteArrayInputStream(bytes), "f", 60)) {
      RawLine line;
      while ((line = reader.read()) != null) {
        whole.add(line);
      }
    }

    assertThat(whole).isEqualTo(read(bytes, 60));
    assertThat(whole.subList(0, expected.size())).extracting(RawLine::text).isEqualTo(expected);
    assertThat(whole).extracting(RawLine::line).last().isEqualTo((long) expected.size() + 3);
    assertThat(whole.get(expected.size()).unreadable().reason())
        .isEqualTo(RejectReason.INVALID_UTF8);
    assertThat(whole.get(expected.size() + 1).unreadable().reason())
        .isEqualTo(RejectReason.LINE_TOO_LONG);
  }

  /**
   * The reader parses each readable line where it reads it (the source's fetcher thread), and the
   * result is the parser's for that text and number; unreadable lines carry no parse.
   */
  @Test
  void carriesEachReadableLinesParse() throws Exception {
    String call =
        "{\"type\":\"call\",\"ts\":1795363208829,\"center\":\"default\",\"call_id\":\"c-1\","
            + "\"phase\":\"arrived\",\"channel\":\"voice\"}";
    String bad = "{\"type\":\"call\",\"ts\":\"yesterday\"}";
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write((call + "\n" + bad + "\n\n").getBytes(StandardCharsets.UTF_8));
    in.write(new byte[] {'a', (byte) 0xC3, '(', '\n'});

    List<RawLine> lines = read(in.toByteArray(), 200);

    EventParser parser = new EventParser();
    assertThat(lines).hasSize(4);
    for (RawLine line : lines.subList(0, 3)) {
      assertThat(line.parsed()).isEqualTo(parser.parse(line.text(), line.line()));
    }
    assertThat(lines.get(0).parsed()).isInstanceOf(ParseResult.Parsed.class);
    assertThat(lines.get(1).parsed()).isInstanceOf(ParseResult.Rejected.class);
    assertThat(lines.get(2).parsed()).isInstanceOf(ParseResult.Blank.class);
    assertThat(lines.get(3).parsed()).isNull();
  }

  @Test
  void findsTheFirstNewlineAtEveryOffset() {
    for (int length = 0; length <= 24; length++) {
      for (int at = 0; at <= length; at++) {
        byte[] b = new byte[length + 2];
        java.util.Arrays.fill(b, (byte) 0x0B); // one bit from '\n'
        if (at < length) {
          b[1 + at] = '\n';
          if (at + 1 < length) {
            b[2 + at] = '\n';
          }
        }
        b[length + 1] = '\n'; // beyond the range searched
        assertThat(NumberedLineFormat.Reader.newline(b, 1, 1 + length))
            .as("length %d, newline at %d", length, at)
            .isEqualTo(1 + at);
      }
    }
  }
}
