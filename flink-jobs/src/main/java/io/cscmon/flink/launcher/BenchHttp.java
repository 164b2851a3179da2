package io.cscmon.flink.launcher;

import io.cscmon.core.http.ApiServer;
import io.cscmon.core.ingest.DeadLetterRotation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** HTTP chores the benchmarks share: waiting for a server, posting NDJSON with a token. */
final class BenchHttp {
  private BenchHttp() {}

  /**
   * The service a benchmark starts in its own JVM: loopback, an ephemeral port, bodies up to 64
   * MiB, a deep ingest queue, no per-client ingest limit (the bench is one client offering far more
   * than a center's peak) and the given alert manager configuration.
   */
  static EmbeddedService.Settings serviceSettings(Path stateDir, Path alertConfig) {
    return new EmbeddedService.Settings(
        "127.0.0.1",
        0,
        64L << 20,
        200_000,
        List.of(),
        "http://127.0.0.1",
        stateDir,
        0,
        alertConfig,
        null,
        new HttpSecurity(null, null, ApiServer.DEFAULT_MAX_CONNECTIONS, 0, List.of()),
        DeadLetterRotation.defaults());
  }

  /** Waits until {@code url} answers 200 (a service's readiness), at most {@code timeout}. */
  static void awaitOk(HttpClient client, URI url, Duration timeout) throws Exception {
    HttpRequest ready = HttpRequest.newBuilder(url).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // a process still starting: try again
      }
      Thread.sleep(200);
    }
    throw new IOException(url + " did not answer 200 within " + timeout.toSeconds() + " s");
  }

  /** One POST of NDJSON lines to the events endpoint with an operator's bearer token. */
  static HttpResponse<String> postNdjson(HttpClient client, URI events, String token, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(events)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Posts until the service takes the batch: a 503 is back-pressure (its queue is full), so the
   * batch is offered again; any other non-2xx answer is an error.
   */
  static void postUntilTaken(HttpClient client, URI events, String token, String body)
      throws Exception {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response = postNdjson(client, events, token, body);
      if (response.statusCode() / 100 == 2) {
        return;
      }
      if (response.statusCode() != 503 || attempt >= 2400) {
        String text = response.body();
        throw new IOException(
            "POST "
                + events
                + " answered "
                + response.statusCode()
                + ": "
                + text.substring(0, Math.min(200, text.length())));
      }
      Thread.sleep(100);
    }
  }

  /** A port free on the loopback interface now, for a child process to listen on. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
