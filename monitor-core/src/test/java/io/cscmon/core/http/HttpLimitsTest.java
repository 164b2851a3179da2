package io.cscmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cscmon.core.ingest.BoundedLineSink;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.testing.EventLines;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12's HTTP limits on a real server: events/s per client, connections, and HTTPS. */
@ExtendWith(VertxExtension.class)
class HttpLimitsTest {

  private final Metrics metrics = Metrics.create();
  private final BoundedLineSink sink = new BoundedLineSink(1000);
  private final HttpClient http = HttpClient.newHttpClient();
  private ApiServer server;
  private int port;

  private ApiServer server(Vertx vertx) {
    server = TestApiServer.on(vertx, metrics).sink(sink).build();
    return server;
  }

  private void start() throws Exception {
    port = TestApiServer.startAndWait(server);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      TestApiServer.stopAndWait(server);
    }
    metrics.close();
  }

  private static String lines(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(EventLines.answered(1_795_000_000_000L + i, "c" + i, "retail", 5_000)).append('\n');
    }
    return b.toString();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return HttpCalls.send(
        http, "http://" + TestApiServer.HOST + ":" + port, "POST", ApiServer.EVENTS, null, body);
  }

  @Test
  void aClientAboveItsEventsPerSecondGets429AndNothingOfThatRequestIsTaken(Vertx vertx)
      throws Exception {
    AtomicLong nanos = new AtomicLong();
    server(vertx).withIngestLimit(new IngestLimit(10, 1, nanos::get));
    start();
    assertThat(post(lines(8)).statusCode()).isEqualTo(202);
    HttpResponse<String> refused = post(lines(5));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(refused.body()).contains("more than 10 events/s from this client");
    assertThat(sink.lines().size()).isEqualTo(8);
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(post(lines(5)).statusCode()).isEqualTo(202);
    assertThat(sink.lines().size()).isEqualTo(13);
    String scrape =
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(scrape).contains("cscmon_http_rate_limited_total 1.0");
  }

  @Test
  void theBucketRefillsAtTheRateAndABodyLargerThanTheBurstWaitsForAFullBucket() {
    AtomicLong nanos = new AtomicLong();
    IngestLimit limit = new IngestLimit(100, 2, nanos::get); // 200 at once
    assertThat(limit.take("a", 150)).isZero();
    assertThat(limit.take("b", 200)).isZero(); // each client has its own bucket
    assertThat(limit.take("a", 100)).isEqualTo(1); // 50 left, 50 short: 0.5 s
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
    assertThat(limit.take("a", 100)).isZero();
    assertThat(limit.take("a", 1000)).isEqualTo(2); // larger than the burst: once full
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
    assertThat(limit.take("a", 1000)).isZero();
    assertThat(limit.take("a", 1)).isEqualTo(9); // it paid for 800 beyond the burst
    assertThat(new IngestLimit(0, 1, nanos::get).take("a", 1_000_000)).isZero(); // 0: off
    assertThatThrownBy(() -> new IngestLimit(-1, 1, nanos::get))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String statusLine(Socket s) throws Exception {
    s.getOutputStream()
        .write("GET /health/live HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    InputStream in = s.getInputStream();
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
  }

  @Test
  void connectionsBeyondTheMaximumAreAnswered503(Vertx vertx) throws Exception {
    server(vertx).withMaxConnections(2);
    start();
    List<Socket> open = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        Socket s = new Socket("127.0.0.1", port);
        open.add(s);
        assertThat(statusLine(s)).isEqualTo("HTTP/1.1 200 OK");
      }
      Socket third = new Socket("127.0.0.1", port);
      open.add(third);
      assertThat(statusLine(third)).isEqualTo("HTTP/1.1 503 Service Unavailable");
      open.get(0).close();
      // Once one closes, a new connection is served (the server notices the close shortly).
      org.awaitility.Awaitility.await()
          .until(
              () -> {
                try (Socket again = new Socket("127.0.0.1", port)) {
                  return statusLine(again).equals("HTTP/1.1 200 OK");
                }
              });
    } finally {
      for (Socket s : open) {
        s.close();
      }
    }
  }

  @Test
  void servesHttpsWithAPemCertificateAndKey(Vertx vertx, @TempDir Path dir) throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(openssl.waitFor()).as("openssl (Debian package openssl): " + output).isZero();

    server(vertx).withTls(new ApiServer.Tls(cert, key));
    start();

    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = java.nio.file.Files.newInputStream(cert)) {
      trust.setCertificateEntry(
          "cscmon", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tlsContext = SSLContext.getInstance("TLS");
    tlsContext.init(null, tmf.getTrustManagers(), null);
    HttpClient https = HttpClient.newBuilder().sslContext(tlsContext).build();
    HttpResponse<String> live =
        https.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + ApiServer.LIVE))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).contains("up");
  }
}
