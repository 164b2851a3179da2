package io.cscmon.core.ingest;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.metrics.IngestMetrics;
import io.cscmon.core.parse.EventParser;
import io.cscmon.core.testing.EventLines;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rejected lines of the HTTP ingest are kept in a dead-letter file, with line, field, reason. */
class RejectedLinesTest {

  @TempDir Path dir;

  @Test
  void everyRejectedLineIsKeptWithItsReasonAndTheValidOnesGoOn() throws Exception {
    List<String> taken = new ArrayList<>();
    NdjsonIngest ingest =
        new NdjsonIngest(
            new EventParser(),
            lines -> taken.addAll(lines),
            new IngestMetrics(new SimpleMeterRegistry()));
    try (RejectedLines file = new RejectedLines(dir.resolve("http-rejected.ndjson"))) {
      ingest.keepRejectedLinesIn(file);
      String body =
          EventLines.arrived(BEGINNING, "c1")
              + "\n{oops\n"
              + EventLines.arrived(BEGINNING, "c2").replace("\"arrived\"", "\"levitating\"")
              + "\n";
      ingest.ingest(body.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(taken).hasSize(1);
    List<String> kept = Files.readAllLines(dir.resolve("http-rejected.ndjson"));
    assertThat(kept).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(kept.get(0));
    assertThat(first.get("line").asLong()).isEqualTo(2);
    assertThat(first.get("reason").asText()).isEqualTo("invalid_json");
    assertThat(first.get("text").asText()).isEqualTo("{oops");
    JsonNode second = new ObjectMapper().readTree(kept.get(1));
    assertThat(second.get("field").asText()).isEqualTo("phase");
    assertThat(second.get("reason").asText()).isEqualTo("unknown_value");
  }

  @Test
  void aTinyCapRotatesTheFileAndKeepsEveryRejectionWhole() throws Exception {
    NdjsonIngest ingest =
        new NdjsonIngest(
            new EventParser(), lines -> true, new IngestMetrics(new SimpleMeterRegistry()));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Path file = dir.resolve("http-rejected.ndjson");
    try (RejectedLines kept =
        new RejectedLines(
            file,
            new DeadLetterRotation(300, 2),
            new io.cscmon.core.metrics.DeadLetterMetrics(registry).of("http-rejected.ndjson"))) {
      ingest.keepRejectedLinesIn(kept);
      for (int i = 0; i < 20; i++) {
        ingest.ingest(("{oops-" + i + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    List<String> lines = new ArrayList<>();
    for (String name :
        List.of("http-rejected.ndjson.2", "http-rejected.ndjson.1", "http-rejected.ndjson")) {
      assertThat(Files.size(dir.resolve(name))).isLessThanOrEqualTo(300);
      lines.addAll(Files.readAllLines(dir.resolve(name)));
    }
    assertThat(dir.resolve("http-rejected.ndjson.3")).doesNotExist();
    // The newest rejections survive, in order, each a whole JSON object.
    List<String> texts = new ArrayList<>();
    for (String l : lines) {
      texts.add(new ObjectMapper().readTree(l).get("text").asText());
    }
    assertThat(texts).last().isEqualTo("{oops-19");
    assertThat(texts)
        .isSubsetOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "{oops-" + i).toList());
    assertThat(registry.get("cscmon.dead.letter.rotations").counter().count()).isPositive();
  }
}
