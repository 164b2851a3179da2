package io.cscmon.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.parse.RejectReason;
import io.cscmon.core.parse.Rejection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonLinesTest {

  private final List<String> seen = new ArrayList<>();
  private final List<Rejection> invalid = new ArrayList<>();
  private final List<String> replacedTexts = new ArrayList<>();

  private void split(byte[] body) {
    NdjsonLines.split(
        body,
        new NdjsonLines.Visitor() {
          @Override
          public void line(long lineNo, String text) {
            seen.add(lineNo + ":" + text);
          }

          @Override
          public void invalid(Rejection rejection, String replaced) {
            invalid.add(rejection);
            replacedTexts.add(replaced);
          }
        });
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void splitsOnNewlineStripsCarriageReturnAndKeepsBlankLinesNumbered() {
    split(utf8("a\r\n\nb\nc"));
    assertThat(seen).containsExactly("1:a", "2:", "3:b", "4:c");
    assertThat(invalid).isEmpty();
  }

  @Test
  void trailingNewlineEndsTheLastLineAndAddsNoEmptyOne() {
    split(utf8("a\nb\n"));
    assertThat(seen).containsExactly("1:a", "2:b");
  }

  @Test
  void emptyBodyHasNoLines() {
    split(new byte[0]);
    assertThat(seen).isEmpty();
    assertThat(invalid).isEmpty();
  }

  @Test
  void skipsLeadingByteOrderMarkOnly() {
    split(utf8("\uFEFFa\n\uFEFFb"));
    assertThat(seen).containsExactly("1:a", "2:\uFEFFb");
  }

  @Test
  void decodesMultiByteCharacters() {
    split(utf8("上海 ✓ 😀\n"));
    assertThat(seen).containsExactly("1:上海 ✓ 😀");
  }

  @Test
  void acceptsAReplacementCharacterThatIsInTheInput() throws Exception {
    // U+FFFD written as valid UTF-8 is text like any other, next to a line whose bad byte decodes
    // to it: the first is a line, the second is rejected.
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(utf8("a\uFFFDb\n"));
    body.write(new byte[] {'a', (byte) 0xff, 'b', '\n'});
    split(body.toByteArray());
    assertThat(seen).containsExactly("1:a\uFFFDb");
    assertThat(invalid).extracting(Rejection::line).containsExactly(2L);
  }

  @Test
  void rejectsOnlyTheLineWithInvalidUtf8AndNamesTheByte() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(utf8("ok1\n"));
    body.write(new byte[] {'a', 'b', (byte) 0xff, 'c', '\n'}); // 0xff never occurs in UTF-8
    body.write(new byte[] {(byte) 0xC0, (byte) 0x80, '\n'}); // overlong encoding of NUL
    body.write(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}); // lone surrogate
    body.write(new byte[] {'x', (byte) 0xE4, (byte) 0xB8}); // truncated at end of body
    body.write(utf8("\nok2"));
    split(body.toByteArray());

    assertThat(seen).containsExactly("1:ok1", "6:ok2");
    assertThat(invalid).extracting(Rejection::line).containsExactly(2L, 3L, 4L, 5L);
    assertThat(invalid)
        .allSatisfy(
            r -> {
              assertThat(r.reason()).isEqualTo(RejectReason.INVALID_UTF8);
              assertThat(r.field()).isEqualTo(Rejection.WHOLE_LINE);
            });
    assertThat(invalid.get(0).message()).endsWith("at byte 2");
    // The dead letters show the line with its bad bytes replaced.
    assertThat(replacedTexts.get(0)).isEqualTo("ab\uFFFDc");
    assertThat(invalid.get(3).message()).endsWith("at byte 1");
  }
}
