package io.cscmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.metrics.NotificationMetrics;
import io.cscmon.core.testing.TestAlerts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forwards to a real Alertmanager (Debian's {@code prometheus-alertmanager}, which {@code .ci/run}
 * installs) and reads the alert back from its API. Skipped where the binary is not installed.
 */
class AlertmanagerForwardTest {

  private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Process alertmanager;
  private URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(BINARY), "prometheus-alertmanager is not installed");
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, "route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    base = URI.create("http://127.0.0.1:" + port);
    alertmanager =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("alertmanager.log").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> get("/-/ready").statusCode() == 200);
  }

  @AfterEach
  void stop() throws Exception {
    if (alertmanager != null) {
      alertmanager.destroy();
      alertmanager.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private WebhookNotifier forwarder() {
    return new WebhookNotifier(
        WebhookConfig.of("alertmanager", AlertmanagerForwardPayload.endpoint(base))
            .withTimeout(Duration.ofSeconds(5)),
        new AlertmanagerForwardPayload(Clock.systemUTC(), Duration.ofHours(5)),
        new NotificationMetrics(new SimpleMeterRegistry()));
  }

  private static WebhookMessage message(Alert alert) {
    return WebhookMessage.of(
        "alertmanager",
        Map.of("alertname", alert.alertname(), "center", "sh"),
        "{}:{alertname=\"ServiceLevelBreach\", center=\"sh\"}",
        List.of(alert),
        "http://cscmon.test",
        0);
  }

  @Test
  void forwardedAlertIsActiveInAlertmanagerAndResolvedWhenItResolves() throws Exception {
    try (WebhookNotifier notifier = forwarder()) {
      // Alertmanager drops alerts whose end is in the past; the episode starts now.
      Alert alert = TestAlerts.firing("retail", "II", System.currentTimeMillis() - 60_000);
      assertThat(notifier.notify(message(alert)).get(30, TimeUnit.SECONDS))
          .isEqualTo(DeliveryResult.DELIVERED);

      JsonNode alerts = JSON.readTree(get("/api/v2/alerts").body());
      assertThat(alerts.size()).isEqualTo(1);
      JsonNode a = alerts.get(0);
      assertThat(a.path("labels").path("alertname").asText()).isEqualTo("ServiceLevelBreach");
      assertThat(a.path("labels").path("queue").asText()).isEqualTo("retail");
      assertThat(a.path("labels").path("emergency_level").asText()).isEqualTo("II");
      assertThat(a.path("annotations").path("summary").asText())
          .isEqualTo("Service level of retail below target");
      assertThat(a.path("status").path("state").asText()).isEqualTo("active");
      assertThat(a.path("generatorURL").asText())
          .isEqualTo("http://cscmon.test/rules/ServiceLevelBreach");

      Alert resolved = alert.resolved(System.currentTimeMillis() - 1000, alert.annotations());
      assertThat(notifier.notify(message(resolved)).get(30, TimeUnit.SECONDS))
          .isEqualTo(DeliveryResult.DELIVERED);
      JsonNode after = JSON.readTree(get("/api/v2/alerts?active=true").body());
      assertThat(after.size()).isZero();
    }
  }

  @Test
  void anEscalatedAlertReplacesItsFormerLevelInAlertmanager() throws Exception {
    try (WebhookNotifier notifier = forwarder()) {
      long start = System.currentTimeMillis() - 60_000;
      Alert iv = TestAlerts.firing("retail", "IV", start);
      Alert ii = TestAlerts.firing("retail", "II", start);
      assertThat(ii.fingerprint()).isEqualTo(iv.fingerprint());
      assertThat(notifier.notify(message(iv)).get(30, TimeUnit.SECONDS))
          .isEqualTo(DeliveryResult.DELIVERED);
      assertThat(notifier.notify(message(ii)).get(30, TimeUnit.SECONDS))
          .isEqualTo(DeliveryResult.DELIVERED);

      // One active alert, at the new level: not IV and II side by side until IV timed out.
      JsonNode active = JSON.readTree(get("/api/v2/alerts?active=true").body());
      assertThat(active.size()).isEqualTo(1);
      assertThat(active.get(0).path("labels").path("emergency_level").asText()).isEqualTo("II");

      Alert resolved = ii.resolved(System.currentTimeMillis() - 1000, ii.annotations());
      assertThat(notifier.notify(message(resolved)).get(30, TimeUnit.SECONDS))
          .isEqualTo(DeliveryResult.DELIVERED);
      assertThat(JSON.readTree(get("/api/v2/alerts?active=true").body()).size()).isZero();
    }
  }
}
