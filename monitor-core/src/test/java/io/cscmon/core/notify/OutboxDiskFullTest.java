package io.cscmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cscmon.core.testing.EventLines;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the outbox, for real: the service runs in a child JVM under {@code ulimit -f}
 * (a per-file size limit, so the kernel fails the outbox's writes with EFBIG once its file is full,
 * as ENOSPC would on a full disk). Each failure is logged naming the file and the cause and counted
 * in {@code cscmon_outbox_write_failures_total}; the notifications are still delivered, from
 * memory; the HTTP ingest keeps accepting events and the service stays live.
 */
class OutboxDiskFullTest {

  private static final int LIMIT_KB = 24;
  private static final int ALERTS = 40;
  private static final Pattern FAILURES =
      Pattern.compile("^cscmon_outbox_write_failures_total\\s+(\\S+)$", Pattern.MULTILINE);

  @TempDir Path dir;

  @Test
  void aFullOutboxIsAnErrorAndAMetricWhileIngestAndDeliveryGoOn() throws Exception {
    List<String> output = new CopyOnWriteArrayList<>();
    HttpClient http = HttpClient.newHttpClient();
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String javaBin = ProcessHandle.current().info().command().orElse("java");
      Process child =
          new ProcessBuilder(
                  "bash",
                  "-c",
                  "ulimit -f " + LIMIT_KB + " && exec \"$0\" \"$@\"",
                  javaBin,
                  "-XX:-UsePerfData",
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  DiskFullChild.class.getName(),
                  dir.resolve("state").toString(),
                  receiver.url().toString())
              .redirectErrorStream(true)
              .start();
      try {
        Thread reader =
            new Thread(
                () -> {
                  try (BufferedReader out =
                      new BufferedReader(
                          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                      output.add(line);
                    }
                  } catch (java.io.IOException e) {
                    // the child ended
                  }
                });
        reader.setDaemon(true);
        reader.start();
        await()
            .atMost(Duration.ofMinutes(1))
            .until(() -> output.stream().anyMatch(l -> l.startsWith("port ")));
        String base =
            "http://127.0.0.1:"
                + output.stream().filter(l -> l.startsWith("port ")).findFirst().get().substring(5);

        Writer commands = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        for (int i = 0; i < ALERTS; i++) {
          commands.write("fire q" + i + "\n");
          commands.flush();
          String body =
              EventLines.arrived(System.currentTimeMillis(), "c" + i)
                  + "\nnot json\n"
                  + EventLines.health(System.currentTimeMillis(), "ivr", true)
                  + "\n";
          HttpResponse<String> ingest =
              http.send(
                  HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(202);
          assertThat(ingest.body()).contains("\"accepted\":2");
          assertThat(get(http, base + "/health/live").statusCode()).isEqualTo(200);
        }

        // Every alert reached the receiver, those the outbox could not keep as well.
        Set<String> expected =
            java.util.stream.IntStream.range(0, ALERTS)
                .mapToObj(i -> "\"queue\":\"q" + i + "\"")
                .collect(Collectors.toSet());
        await()
            .atMost(Duration.ofMinutes(1))
            .until(
                () ->
                    expected.stream()
                        .allMatch(
                            q -> receiver.requests().stream().anyMatch(r -> r.body().contains(q))));
        Matcher failures = FAILURES.matcher(get(http, base + "/metrics").body());
        assertThat(failures.find()).isTrue();
        assertThat(Double.parseDouble(failures.group(1)))
            .as(
                "outbox of %d bytes; the service said:%n%s",
                outboxSize(), String.join("\n", output))
            .isPositive();
        assertThat(output)
            .anySatisfy(
                l ->
                    assertThat(l)
                        .contains("outbox.ndjson cannot be written (File too large)")
                        .contains("kept in memory only"));
        assertThat(Files.size(dir.resolve("state/outbox.ndjson")))
            .isLessThanOrEqualTo(LIMIT_KB * 1024L);
        assertThat(child.isAlive()).isTrue();
      } finally {
        child.destroyForcibly();
        child.waitFor();
      }
    }
  }

  private long outboxSize() throws java.io.IOException {
    return Files.size(dir.resolve("state/outbox.ndjson"));
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
