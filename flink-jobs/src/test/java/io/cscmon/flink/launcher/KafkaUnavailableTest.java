package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cscmon.flink.job.DetectionOptions;
import io.cscmon.flink.kafka.Checkpoints;
import io.cscmon.flink.kafka.KafkaBrokerExtension;
import io.cscmon.flink.kafka.KafkaTopics;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on Kafka while its broker is away: the ingest answers 503 naming the Kafka events
 * topic and its bootstrap address (not "the pipeline is full", which would send the on-call to
 * Flink), {@code /health/ready} answers 503 with the same reason, {@code /health/live} stays 200
 * and the availability gauge reads 0. Once the broker is back, readiness recovers by itself and the
 * refused request, sent again, is accepted: the topic then holds every accepted line once.
 */
class KafkaUnavailableTest {

  private static final String EVENTS = "away-events";

  @TempDir static Path dir;
  @RegisterExtension static final KafkaBrokerExtension broker = new KafkaBrokerExtension();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void ingestAndReadinessNameKafkaWhileTheBrokerIsAwayAndRecoverWhenItIsBack() throws Exception {
    broker.get().createTopic(EVENTS, 1);
    broker.get().createTopic("away-alerts", 1);
    String bootstrap = broker.get().bootstrap();
    KafkaTopics kafka = new KafkaTopics(bootstrap, EVENTS, "away-alerts", null, "away", false);
    try (EmbeddedService service = start(kafka, dir.resolve("state"))) {
      String base = "http://127.0.0.1:" + service.port();
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> get(base + "/health/ready").statusCode() == 200);
      List<String> before = calls("before", 5);
      assertThat(post(base, before).statusCode()).isEqualTo(202);

      broker.get().stop();
      // In flight as the broker goes: its commit is retried (it cannot be aborted) and either
      // completes once the broker is back (202) or is given up (503); either way once or not at
      // all.
      List<String> inFlight = calls("in-flight", 3);
      CompletableFuture<HttpResponse<String>> inFlightAnswer =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return post(base, inFlight);
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      AtomicReference<HttpResponse<String>> ready = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                ready.set(get(base + "/health/ready"));
                return ready.get().statusCode() == 503;
              });
      String reason = new JsonObject(ready.get().body()).getString("reason");
      assertThat(reason).contains("Kafka", EVENTS, bootstrap);
      assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);

      List<String> during = calls("during", 5);
      HttpResponse<String> refused = post(base, during);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      String error = new JsonObject(refused.body()).getString("error");
      assertThat(error).contains("Kafka", EVENTS, bootstrap).doesNotContain("pipeline is full");
      assertThat(availableGauge(base)).isEqualTo("0.0");

      broker.get().startAgain();
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> get(base + "/health/ready").statusCode() == 200);
      assertThat(availableGauge(base)).isEqualTo("1.0");
      // The refused request sent again, as a client does after a 503 and its Retry-After.
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> post(base, during).statusCode() == 202);

      HttpResponse<String> inFlightResponse = inFlightAnswer.get(3, TimeUnit.MINUTES);
      List<String> expected = new ArrayList<>(before);
      if (inFlightResponse.statusCode() == 202) {
        expected.addAll(inFlight);
      } else {
        assertThat(inFlightResponse.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(inFlightResponse.body()).getString("error"))
            .contains("Kafka", EVENTS, bootstrap);
      }
      expected.addAll(during);
      assertThat(broker.get().readCommitted(EVENTS)).isEqualTo(expected);
    }
  }

  /**
   * Started while the broker is down (a restart during broker maintenance): before, {@code run}
   * exited after 10 s ("Timeout expired after 10000ms while awaiting InitProducerId") and the
   * center went unwatched until someone started it again. Now it comes up not ready, naming Kafka;
   * once the broker is up it becomes ready, takes events, and its job computes KPIs from them.
   */
  @Test
  void startsWhileTheBrokerIsDownAndWorksOnceItIsUp() throws Exception {
    broker.get().createTopic("down-events", 1);
    broker.get().createTopic("down-alerts", 1);
    broker.get().createTopic("down-kpis", 1);
    String bootstrap = broker.get().bootstrap();
    broker.get().stop();
    KafkaTopics kafka =
        new KafkaTopics(bootstrap, "down-events", "down-alerts", "down-kpis", "down", false);
    try (EmbeddedService service = start(kafka, dir.resolve("down-state"))) {
      String base = "http://127.0.0.1:" + service.port();
      HttpResponse<String> notReady = get(base + "/health/ready");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(new JsonObject(notReady.body()).getString("reason"))
          .contains("Kafka", "down-events", bootstrap);
      assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
      long now = System.currentTimeMillis();
      List<String> lines = new ArrayList<>();
      for (int s = 0; s <= 150; s += 10) {
        lines.add(
            "{\"type\":\"call\",\"ts\":"
                + (now - 180_000 + s * 1000L)
                + ",\"call_id\":\"down-"
                + s
                + "\",\"phase\":\"arrived\",\"channel\":\"voice\"}");
      }
      assertThat(post(base, lines).statusCode()).isEqualTo(503);

      broker.get().startAgain();
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> get(base + "/health/ready").statusCode() == 200);
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> post(base, lines).statusCode() == 202);
      assertThat(broker.get().readCommitted("down-events")).isEqualTo(lines);
      // The job runs too: the KPIs of the first minutes, committed with a checkpoint.
      broker.get().awaitCommitted("down-kpis", Duration.ofMinutes(3), kpis -> !kpis.isEmpty());
    }
  }

  /** The service on {@code kafka}, checkpointing every 5 s into {@code state}. */
  private static EmbeddedService start(KafkaTopics kafka, Path state) throws Exception {
    return EmbeddedService.start(
        EmbeddedService.Settings.loopback(state, 1 << 20, 1000),
        List.of(),
        DetectionOptions.defaults(),
        null,
        kafka,
        new Checkpoints(state, Duration.ofSeconds(5), "hashmap"));
  }

  private static List<String> calls(String prefix, int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(
          "{\"type\":\"call\",\"ts\":\"2026-11-27T10:00:0"
              + i
              + "+08:00\",\"call_id\":\""
              + prefix
              + "-"
              + i
              + "\",\"phase\":\"arrived\"}");
    }
    return lines;
  }

  private HttpResponse<String> post(String base, List<String> lines)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
            .timeout(Duration.ofMinutes(3))
            .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines) + "\n"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of {@code cscmon_kafka_events_topic_available} for the events topic, or null. */
  private String availableGauge(String base) throws IOException, InterruptedException {
    for (String line : get(base + "/metrics").body().split("\n")) {
      if (line.startsWith("cscmon_kafka_events_topic_available{")
          && line.contains("topic=\"" + EVENTS + "\"")) {
        return line.substring(line.lastIndexOf(' ') + 1);
      }
    }
    return null;
  }
}
