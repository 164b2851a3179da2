package io.cscmon.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.RejectReason;
import io.cscmon.core.parse.Rejection;
import io.cscmon.core.testing.Gen;
import io.cscmon.core.testing.HostileLines;
import io.cscmon.core.testing.HostileLines.Line;
import io.cscmon.core.testing.TestSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests of the ingest against generated hostile lines: every bad line is rejected with the
 * expected reason and field, counted by reason and dead-lettered; every valid line of the same body
 * reaches the sink, in order. Each run draws new cases; a failure names the seed that reproduces it
 * ({@code -Dcscmon.test.seed=N}).
 */
class HostileIngestTest {

  private static final long BASE = System.currentTimeMillis() - 2 * 86_400_000L;
  private static final HostileLines LINES = new HostileLines(BASE);

  private static final Gen<Line> LINE = LINES.any();
  private static final Gen<List<Line>> BATCH = LINES.anyWithHugeLines().list(1, 40);

  @RegisterExtension static final TestSeed SEED = TestSeed.fromSystemProperty();

  static IntStream lineCases() {
    return IntStream.range(0, 300);
  }

  static IntStream batchCases() {
    return IntStream.range(0, 60);
  }

  @ParameterizedTest(name = "case {0}")
  @MethodSource("lineCases")
  void theParserRejectsEachHostileLineWithItsReasonAndField(int caseNo) {
    Line line = LINE.next(SEED.random(caseNo));
    EventParser parser = new EventParser();
    // A first valid line at base, so that "more than 7 days from the newest seen" applies.
    parser.parse(new String(LINES.anchor().bytes(), java.nio.charset.StandardCharsets.UTF_8), 1);
    var result = parser.parse(new String(line.bytes(), java.nio.charset.StandardCharsets.UTF_8), 2);
    if (line.valid()) {
      assertThat(result)
          .as(line.toString())
          .isInstanceOf(io.cscmon.core.parse.ParseResult.Parsed.class);
    } else if (line.reason() != RejectReason.INVALID_UTF8) {
      // Invalid UTF-8 is caught while splitting the body, before the parser sees text.
      assertThat(result)
          .as(line.toString())
          .isInstanceOf(io.cscmon.core.parse.ParseResult.Rejected.class);
      Rejection r = ((io.cscmon.core.parse.ParseResult.Rejected) result).rejection();
      assertThat(r.reason() + "@" + r.field())
          .as(line + " → " + r.message())
          .isEqualTo(line.reason() + "@" + line.field());
      assertThat(r.line()).isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "case {0}")
  @MethodSource("batchCases")
  void aBodyOfHostileLinesLosesNoValidLineAndDeadLettersEveryBadOne(int caseNo) throws Exception {
    List<Line> generated = BATCH.next(SEED.random(caseNo));
    List<Line> lines = new ArrayList<>();
    lines.add(LINES.anchor()); // anchors the 7-day rule, see staleTime()
    lines.addAll(generated);
    BoundedLineSink sink = new BoundedLineSink(10_000);
    Path dir = Files.createTempDirectory("dead-letters");
    try (Metrics metrics = Metrics.create();
        RejectedLines deadLetters = new RejectedLines(dir.resolve("rejected.ndjson"))) {
      NdjsonIngest ingest = new NdjsonIngest(new EventParser(), sink, metrics.ingest());
      ingest.keepRejectedLinesIn(deadLetters);

      IngestResult result = ingest.ingest(HostileLines.body(lines));

      List<String> validTexts =
          lines.stream()
              .filter(Line::valid)
              .map(l -> new String(l.bytes(), java.nio.charset.StandardCharsets.UTF_8))
              .toList();
      assertThat(result).isInstanceOf(IngestResult.Accepted.class);
      IngestResult.Accepted accepted = (IngestResult.Accepted) result;
      assertThat(accepted.accepted()).isEqualTo(validTexts.size());
      assertThat(sink.lines()).containsExactlyElementsOf(validTexts);
      assertThat(
              accepted.rejected().stream()
                  .map(r -> r.line() + ":" + r.field() + ":" + r.reason().wireName())
                  .toList())
          .as("%s", lines)
          .containsExactlyElementsOf(HostileLines.expectedRejections(lines));
      for (RejectReason reason : RejectReason.values()) {
        long expected = lines.stream().filter(l -> l.reason() == reason).count();
        assertThat(
                metrics
                    .registry()
                    .get("cscmon.events.rejected")
                    .tag("reason", reason.wireName())
                    .counter()
                    .count())
            .as(reason.wireName())
            .isEqualTo(expected);
      }
      List<String> dead = Files.readAllLines(dir.resolve("rejected.ndjson"));
      assertThat(dead).hasSize(accepted.rejected().size());
      for (int i = 0; i < dead.size(); i++) {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dead.get(i));
        Rejection r = accepted.rejected().get(i);
        assertThat(node.get("line").asLong()).isEqualTo(r.line());
        assertThat(node.get("field").asText()).isEqualTo(r.field());
        assertThat(node.get("reason").asText()).isEqualTo(r.reason().wireName());
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
