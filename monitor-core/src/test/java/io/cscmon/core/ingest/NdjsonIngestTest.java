package io.cscmon.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.metrics.IngestMetrics;
import io.cscmon.core.parse.EventParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NdjsonIngestTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final IngestMetrics metrics = new IngestMetrics(registry);

  private static byte[] body(String... lines) {
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  private static String call(String id) {
    return "{\"type\":\"call\",\"ts\":"
        + System.currentTimeMillis()
        + ",\"call_id\":\""
        + id
        + "\",\"phase\":\"arrived\"}";
  }

  private double count(String name, String tag, String value) {
    return registry.get(name).tag(tag, value).counter().count();
  }

  @Test
  void throttledBatchCountsNothingAndTakesNothing() {
    BoundedLineSink sink = new BoundedLineSink(2);
    NdjsonIngest ingest = new NdjsonIngest(new EventParser(), sink, metrics);

    IngestResult result = ingest.ingest(body(call("a"), "junk", call("b"), call("c")));

    assertThat(result).isInstanceOf(IngestResult.Throttled.class);
    assertThat(sink.lines()).isEmpty();
    assertThat(count("cscmon.events.accepted", "type", "call")).isZero();
    assertThat(count("cscmon.events.rejected", "reason", "invalid_json")).isZero();
    assertThat(registry.get("cscmon.ingest.throttled").counter().count()).isEqualTo(1);
  }

  @Test
  void batchRefusedByADownStoreSaysWhyCountsItApartAndTakesNothing() {
    BoundedLineSink sink = new BoundedLineSink(10);
    sink.down("the Kafka events topic e on k:9092 is unavailable: broker away");
    NdjsonIngest ingest = new NdjsonIngest(new EventParser(), sink, metrics);

    IngestResult result = ingest.ingest(body(call("a"), "junk", call("b")));

    assertThat(result)
        .isEqualTo(
            new IngestResult.Unavailable(
                "the Kafka events topic e on k:9092 is unavailable: broker away"));
    assertThat(sink.lines()).isEmpty();
    assertThat(count("cscmon.events.accepted", "type", "call")).isZero();
    assertThat(count("cscmon.events.rejected", "reason", "invalid_json")).isZero();
    assertThat(registry.get("cscmon.ingest.unavailable").counter().count()).isEqualTo(1);
    assertThat(registry.get("cscmon.ingest.throttled").counter().count())
        .as("a store that is down is not a pipeline that is full")
        .isZero();

    sink.down(null);
    assertThat(ingest.ingest(body(call("a"), "junk", call("b"))))
        .isInstanceOf(IngestResult.Accepted.class);
    assertThat(sink.lines()).hasSize(2);
  }

  @Test
  void bodyOfOnlyRejectsNeverAsksTheSink() {
    // A sink with no room must not turn a batch without valid lines into a 503.
    NdjsonIngest ingest = new NdjsonIngest(new EventParser(), new BoundedLineSink(0), metrics);

    IngestResult result = ingest.ingest(body("junk", "", "[1]"));

    assertThat(result).isInstanceOf(IngestResult.Accepted.class);
    IngestResult.Accepted a = (IngestResult.Accepted) result;
    assertThat(a.accepted()).isZero();
    assertThat(a.rejected()).extracting(r -> r.line()).containsExactly(1L, 3L);
    assertThat(count("cscmon.events.rejected", "reason", "not_an_object")).isEqualTo(1);
  }
}
