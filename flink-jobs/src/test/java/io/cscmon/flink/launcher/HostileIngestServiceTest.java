package io.cscmon.flink.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cscmon.core.parse.EventClock;
import io.cscmon.core.parse.RejectReason;
import io.cscmon.core.testing.EventLines;
import io.cscmon.core.testing.Gen;
import io.cscmon.core.testing.HostileLines;
import io.cscmon.core.testing.HostileLines.Line;
import io.cscmon.core.testing.TestSeed;
import io.cscmon.flink.job.DetectionOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12's "done when": the whole service (HTTP API, embedded Flink job) takes generated batches
 * of hostile and valid lines. Each answer has exactly the batch's valid lines accepted and every
 * bad line listed by line number, field and reason; {@code /metrics} counts each rejection by
 * reason; the service stays live and its job running throughout; the bad lines are in the
 * dead-letter file. Events later than the tolerance, which only the job can tell, end in the job's
 * dead letters. Each run draws new batches; a failure names the seed that reproduces it ({@code
 * -Dcscmon.test.seed=N}).
 */
class HostileIngestServiceTest {

  private static final long MAX_BODY = 16L << 20;
  private static final long BASE = System.currentTimeMillis() - 2 * 86_400_000L;
  private static final HostileLines LINES = new HostileLines(BASE);
  private static final Pattern REJECTED =
      Pattern.compile(
          "^cscmon_events_rejected_total\\{[^}]*reason=\"([a-z_0-9]+)\"[^}]*\\}\\s+(\\S+)$",
          Pattern.MULTILINE);
  private static final Gen<List<Line>> BATCH =
      LINES
          .anyWithHugeLines()
          .list(1, 60)
          .filter(b -> b.stream().mapToLong(l -> l.bytes().length + 1L).sum() < MAX_BODY - 1024);

  @RegisterExtension static final TestSeed SEED = TestSeed.fromSystemProperty();

  private static Path dir;
  private static EmbeddedService service;
  private static String base;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static long postedRejections;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("hostile-service");
    EmbeddedService.Settings settings =
        EmbeddedService.Settings.loopback(dir.resolve("var"), MAX_BODY, 100_000);
    service = EmbeddedService.start(settings, List.of(), DetectionOptions.defaults(), null);
    base = "http://127.0.0.1:" + service.port();
    await().atMost(Duration.ofMinutes(2)).until(() -> get("/health/ready").statusCode() == 200);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      // Late events: calls an hour after base move the job's watermark past base (as many as make a
      // jump: one alone would be a sender's wrong clock, EventClock); a call at base posted after
      // that is later than the tolerance. Polling, since the watermark moves on the job's own time.
      StringBuilder jump = new StringBuilder();
      for (int i = 0; i < EventClock.CONFIRM; i++) {
        jump.append(EventLines.arrived(BASE + 3_600_000 + i, "ahead-" + i)).append('\n');
      }
      post(jump.toString().getBytes(UTF_8));
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                post((EventLines.arrived(BASE, "behind") + "\n").getBytes(UTF_8));
                return rejectedOnMetrics().get(RejectReason.LATE) > 0;
              });
      await()
          .atMost(Duration.ofMinutes(1))
          .until(
              () ->
                  Files.exists(service.deadLetters())
                      && Files.readString(service.deadLetters()).contains("\"reason\":\"late\""));
      assertThat(get("/health/live").statusCode()).isEqualTo(200);
      assertThat(get("/health/ready").statusCode()).isEqualTo(200);
      // Every rejection the answers listed is in the HTTP ingest's dead-letter file.
      try (var lines = Files.lines(dir.resolve("var/http-rejected.ndjson"))) {
        assertThat(lines.count()).isEqualTo(postedRejections);
      }
    } finally {
      service.close();
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static IntStream cases() {
    return IntStream.range(0, 15);
  }

  @ParameterizedTest(name = "case {0}")
  @MethodSource("cases")
  void eachBatchIsAnsweredLineByLineAndCountedWhileTheServiceStaysLive(int caseNo)
      throws Exception {
    List<Line> generated = BATCH.next(SEED.random(caseNo));
    List<Line> batch = new ArrayList<>();
    batch.add(LINES.anchor()); // anchors the 7-day rule, see HostileLines.staleTime()
    batch.addAll(generated);
    Map<RejectReason, Double> before = rejectedOnMetrics();

    HttpResponse<String> response = post(HostileLines.body(batch));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonObject answer = new JsonObject(response.body());
    assertThat(answer.getInteger("accepted")).isEqualTo(batch.stream().filter(Line::valid).count());
    JsonArray rejected = answer.getJsonArray("rejected");
    List<String> reported = new ArrayList<>();
    for (int i = 0; i < rejected.size(); i++) {
      JsonObject r = rejected.getJsonObject(i);
      assertThat(r.getString("message")).isNotBlank();
      reported.add(r.getLong("line") + ":" + r.getString("field") + ":" + r.getString("reason"));
    }
    assertThat(reported).containsExactlyElementsOf(HostileLines.expectedRejections(batch));
    assertThat(answer.getInteger("rejected_total")).isEqualTo(reported.size());
    postedRejections += reported.size();

    Map<RejectReason, Double> after = rejectedOnMetrics();
    for (RejectReason reason : RejectReason.values()) {
      if (reason == RejectReason.LATE || reason == RejectReason.AHEAD) {
        continue; // the job's verdict on earlier batches, not this one's
      }
      long expected = batch.stream().filter(l -> l.reason() == reason).count();
      assertThat(after.get(reason) - before.get(reason)).as(reason.wireName()).isEqualTo(expected);
    }
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> post(byte[] body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bothDeadLetterFilesHaveTheirRotationCountersOnMetrics() throws Exception {
    String text = get("/metrics").body();
    assertThat(text)
        .contains("# HELP cscmon_dead_letter_rotations_total ")
        .contains("cscmon_dead_letter_rotations_total{file=\"http-rejected.ndjson\"}")
        .contains("cscmon_dead_letter_rotations_total{file=\"dead-letters.ndjson\"}")
        .contains("# HELP cscmon_dead_letter_dropped_bytes_total ");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<RejectReason, Double> rejectedOnMetrics() throws Exception {
    String text = get("/metrics").body();
    Map<RejectReason, Double> out = new EnumMap<>(RejectReason.class);
    Matcher m = REJECTED.matcher(text);
    while (m.find()) {
      out.put(
          RejectReason.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)),
          Double.parseDouble(m.group(2)));
    }
    assertThat(out).as(text).hasSize(RejectReason.values().length);
    return out;
  }
}
