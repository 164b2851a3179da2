package io.cscmon.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.ParseResult;
import io.cscmon.core.parse.RejectReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
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

  private static String arrived(long ts, String id) {
    return "{\"type\":\"call\",\"ts\":" + ts + ",\"call_id\":\"" + id + "\",\"phase\":\"arrived\"}";
  }

  private static List<String> outcomes(List<RawLine> lines) {
    return lines.stream()
        .map(
            l ->
                l.parsed() instanceof ParseResult.Rejected r
                    ? l.line() + ":" + r.rejection().reason().wireName()
                    : l.line() + ":ok")
        .toList();
  }

  /**
   * CONTRACT §1's 7-day rule on a file, on both sides, whatever the day it is read: a line 8 days
   * after the others is rejected even when it lands near today's date (a live feed's exception),
   * and the valid lines after it are kept.
   */
  @Test
  void aRecordedFilesLineEightDaysAfterTheNewestIsRejectedAndTheLinesAfterItAreKept()
      throws Exception {
    long day = Duration.ofDays(1).toMillis();
    long recorded = System.currentTimeMillis() - 2 * day;
    String file =
        String.join(
            "\n",
            arrived(recorded, "c1"),
            arrived(recorded + 60_000, "c2"),
            arrived(recorded + 8 * day + 600_000, "jump"),
            arrived(recorded + 660_000, "c3"),
            arrived(recorded + 1_200_000, "c4"));

    List<RawLine> lines = read(file.getBytes(StandardCharsets.UTF_8), 1000);

    assertThat(outcomes(lines))
        .containsExactly("1:ok", "2:ok", "3:timestamp_out_of_range", "4:ok", "5:ok");
    assertThat(((ParseResult.Rejected) lines.get(2).parsed()).rejection().message())
        .contains("after the newest event seen");
  }

  /**
   * A first line from a wrong clock is judged against the lines after it: before, a first line
   * dated 2030 became the newest event and all 147,874 lines of a simulated morning after it were
   * rejected. A bad line among the first is found as well, and a short file, shorter than the
   * look-ahead, is judged the same way.
   */
  @Test
  void aFirstLineFromAWrongClockIsRejectedAndTheFileAfterItIsRead() throws Exception {
    long recorded = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();
    long year2030 = Instant.parse("2030-11-24T00:00:00Z").toEpochMilli();
    List<String> lines = new ArrayList<>(List.of(arrived(year2030, "wrong-clock"), "{not json"));
    for (int i = 0; i < 40; i++) {
      lines.add(arrived(recorded + i * 1000L, "c" + i));
    }
    lines.add(5, arrived(recorded - 9 * Duration.ofDays(1).toMillis(), "stale"));

    List<String> outcomes =
        outcomes(read(String.join("\n", lines).getBytes(StandardCharsets.UTF_8), 1000));

    assertThat(outcomes).hasSize(43);
    assertThat(outcomes.subList(0, 7))
        .containsExactly(
            "1:timestamp_out_of_range",
            "2:invalid_json",
            "3:ok",
            "4:ok",
            "5:ok",
            "6:timestamp_out_of_range",
            "7:ok");
    assertThat(outcomes.subList(7, 43)).allMatch(o -> o.endsWith(":ok"));

    String shortFile =
        arrived(year2030, "wrong-clock")
            + "\n"
            + arrived(recorded, "c1")
            + "\n"
            + arrived(recorded + 1000, "c2");
    assertThat(outcomes(read(shortFile.getBytes(StandardCharsets.UTF_8), 1000)))
        .containsExactly("1:timestamp_out_of_range", "2:ok", "3:ok");
    // Lines dated 1970 (a sender's unset clock), even most of the first ones, judge nothing.
    String unset =
        arrived(1000, "u1") + "\n" + arrived(2000, "u2") + "\n" + arrived(recorded, "c1");
    assertThat(outcomes(read(unset.getBytes(StandardCharsets.UTF_8), 1000)))
        .containsExactly("1:timestamp_out_of_range", "2:timestamp_out_of_range", "3:ok");
  }

  /** The wall clock does not judge a file: one dated years ahead of today reads as any other. */
  @Test
  void aRecordedFileDatedYearsAheadIsRead() throws Exception {
    long ahead = Instant.parse("2030-06-01T08:00:00Z").toEpochMilli();
    String file = arrived(ahead, "c1") + "\n" + arrived(ahead + 60_000, "c2") + "\n";

    assertThat(outcomes(read(file.getBytes(StandardCharsets.UTF_8), 1000)))
        .containsExactly("1:ok", "2:ok");
    String farOff = arrived(Instant.parse("2100-01-01T00:00:00Z").toEpochMilli(), "c1");
    assertThat(outcomes(read(farOff.getBytes(StandardCharsets.UTF_8), 1000)))
        .containsExactly("1:timestamp_out_of_range");
  }

  /**
   * A .gz cut short: the lines inflated before the break are read as usual, then one dead letter
   * names the line where it broke off, and the input ends there instead of failing.
   */
  @Test
  void aTruncatedGzipKeepsItsLinesAndReportsWhereItBrokeOff() throws Exception {
    long ts = System.currentTimeMillis();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      text.append(arrived(ts + i * 1000L, "c-" + i * 7919L)).append('\n');
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = gz.toByteArray();
    byte[] half = Arrays.copyOf(whole, whole.length / 2);

    List<RawLine> lines = new ArrayList<>();
    try (NumberedLineFormat.Reader reader =
        new NumberedLineFormat.Reader(
            new GZIPInputStream(new ByteArrayInputStream(half)), "f.ndjson.gz", 1 << 20)) {
      RawLine line;
      while ((line = reader.read()) != null) {
        lines.add(line);
      }
    }

    RawLine last = lines.get(lines.size() - 1);
    List<RawLine> read = lines.subList(0, lines.size() - 1);
    assertThat(read).hasSizeBetween(1_000, 4_999);
    assertThat(outcomes(read)).allMatch(o -> o.endsWith(":ok"));
    assertThat(last.line()).isEqualTo(read.size() + 1);
    assertThat(last.unreadable().reason()).isEqualTo(RejectReason.UNREADABLE_INPUT);
    assertThat(last.unreadable().message())
        .contains("breaks off")
        .contains("Unexpected end of ZLIB input stream")
        .contains(read.size() + " lines before it were read");
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
