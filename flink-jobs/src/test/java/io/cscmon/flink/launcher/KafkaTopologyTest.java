package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.flink.job.DetectionOptions;
import io.cscmon.flink.kafka.Checkpoints;
import io.cscmon.flink.kafka.KafkaBrokerExtension;
import io.cscmon.flink.kafka.KafkaLineSink;
import io.cscmon.flink.kafka.KafkaTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka topology against a real KRaft broker (a child JVM from Kafka's Maven artifacts): the
 * HTTP ingest's Kafka sink writes a recorded morning to the events topic, the detection job reads
 * it and writes the alerts topic, which then holds exactly the alerts {@code replay} writes for the
 * same file. The job keeps its state on the heap: the attack detectors hold megabytes of sketches
 * per key, which RocksDB would serialize on every event (see docs/deploy.md).
 */
class KafkaTopologyTest {

  @TempDir static Path dir;
  @RegisterExtension static final KafkaBrokerExtension broker = new KafkaBrokerExtension();

  /** A simulated morning with an agent shortage, and what replay makes of it (sorted lines). */
  static List<String> recordedMorning(Path events, Path replayAlerts) {
    try {
      List<String> alerts =
          RecordedDay.simulateAndReplay(
              events,
              replayAlerts,
              "--hours",
              "4",
              "--start",
              "2026-11-23T08:00:00+08:00",
              "--scenario",
              "agent-shortage@2h+1h:0.4");
      assertThat(alerts).as("the shortage raises alerts").isNotEmpty();
      return alerts;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  @Test
  void eventsTopicInAlertsTopicOutTheSameAsReplay() throws Exception {
    Path events = dir.resolve("morning.ndjson");
    List<String> expected = recordedMorning(events, dir.resolve("replay-alerts.ndjson"));
    broker.get().createTopic("events", 1);
    broker.get().createTopic("alerts", 1);
    broker.get().createTopic("kpis", 1);

    List<String> lines = Files.readAllLines(events);
    broker.get().ingest("events", lines);
    assertThat(broker.get().readCommitted("events")).isEqualTo(lines);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        KafkaJobOptions.runJob(
            broker.get(),
            "topology-test",
            dir.resolve("state"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            "--kpi-topic kpis --checkpoint-interval 2s --state-backend hashmap --parallelism 2"
                + " --stop-at-end");
    assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();

    List<String> alerts = broker.get().readCommitted("alerts");
    assertThat(alerts.stream().sorted().toList()).isEqualTo(expected);

    List<String> kpis = broker.get().readCommitted("kpis");
    assertThat(kpis).isNotEmpty();
    ObjectMapper mapper = new ObjectMapper();
    JsonNode first = mapper.readTree(kpis.get(0));
    assertThat(first.fieldNames())
        .toIterable()
        .contains("kpi", "center", "dimension", "scope", "window_start", "value", "samples");
    assertThat(kpis.stream().map(k -> readKpi(mapper, k)).collect(Collectors.toSet()))
        .contains("service_level");
  }

  private static String readKpi(ObjectMapper mapper, String json) {
    try {
      return mapper.readTree(json).get("kpi").asText();
    } catch (Exception e) {
      throw new IllegalStateException(json, e);
    }
  }

  /**
   * The ingest keys each line by its center: over a three-partition events topic, each center's
   * lines all land in one partition, in the order they were sent; lines without a center have no
   * key.
   */
  @Test
  void theIngestKeepsEachCentersOrderInOnePartition() throws Exception {
    broker.get().createTopic("keyed-events", 3);
    List<String> centers = List.of("sh", "bj", "gz", "sz");
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      sent.add(
          "{\"type\":\"call\",\"ts\":"
              + (1_795_000_000_000L + i * 1000L)
              + ",\"center\":\""
              + centers.get(i % centers.size())
              + "\",\"call_id\":\"c"
              + i
              + "\",\"phase\":\"arrived\"}");
    }
    String withoutCenter =
        "{\"type\":\"health\",\"ts\":1795000000000,\"component\":\"ivr\",\"up\":true}";
    sent.add(withoutCenter);
    try (KafkaLineSink sink =
        new KafkaLineSink(broker.get().bootstrap(), "keyed-events", "keyed")) {
      for (int i = 0; i < sent.size(); i += 9) {
        assertThat(sink.offer(sent.subList(i, Math.min(i + 9, sent.size())))).isTrue();
      }
    }

    List<ConsumerRecord<String, String>> records = broker.get().committedRecords("keyed-events");
    assertThat(records).hasSize(sent.size());
    for (String center : centers) {
      String field = "\"center\":\"" + center + "\"";
      List<ConsumerRecord<String, String>> ofCenter =
          records.stream().filter(r -> r.value().contains(field)).toList();
      assertThat(ofCenter).extracting(ConsumerRecord::key).containsOnly(center);
      assertThat(ofCenter.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
      assertThat(ofCenter)
          .extracting(ConsumerRecord::value)
          .as("in the order sent")
          .isEqualTo(sent.stream().filter(l -> l.contains(field)).toList());
    }
    assertThat(records.stream().filter(r -> r.value().equals(withoutCenter)))
        .singleElement()
        .extracting(ConsumerRecord::key)
        .isNull();
  }

  /** A 202 from the HTTP ingest means the accepted lines are committed to the events topic. */
  @Test
  void httpIngestAnswersOnceTheLinesAreInTheEventsTopic() throws Exception {
    broker.get().createTopic("http-events", 1);
    broker.get().createTopic("http-alerts", 1);
    KafkaTopics kafka =
        new KafkaTopics(
            broker.get().bootstrap(), "http-events", "http-alerts", null, "http-test", false);
    Path stateDir = dir.resolve("http-state");
    EmbeddedService.Settings settings = EmbeddedService.Settings.loopback(stateDir, 1 << 20, 1000);
    try (EmbeddedService service =
        EmbeddedService.start(
            settings,
            List.of(),
            DetectionOptions.defaults(),
            null,
            kafka,
            new Checkpoints(stateDir, Duration.ofSeconds(5), "hashmap"))) {
      HttpClient http = HttpClient.newHttpClient();
      List<String> sent = new ArrayList<>();
      for (int batch = 0; batch < 3; batch++) {
        List<String> body = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          body.add(
              "{\"type\":\"call\",\"ts\":\"2026-11-27T10:00:0"
                  + i
                  + "+08:00\",\"call_id\":\"c"
                  + batch
                  + "-"
                  + i
                  + "\",\"phase\":\"arrived\"}");
        }
        sent.addAll(body);
        body.add("not json");
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.port() + "/api/v1/events"))
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", body) + "\n"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).contains("\"accepted\":5");
        // No waiting: what was acknowledged is already committed.
        assertThat(broker.get().readCommitted("http-events")).isEqualTo(sent);
      }
    }
  }
}
