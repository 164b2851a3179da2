package io.cscmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.metrics.NotificationMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RECEIVER = OutboxTest.RECEIVER;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final NotificationMetrics metrics = new NotificationMetrics(registry);
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private WebhookReceiver receiver() throws Exception {
    WebhookReceiver r = new WebhookReceiver();
    closeables.add(r);
    return r;
  }

  private WebhookNotifier notifier(URI url, int maxAttempts) {
    WebhookConfig config =
        WebhookConfig.of(RECEIVER, url)
            .withMaxAttempts(maxAttempts)
            .withTimeout(Duration.ofSeconds(5))
            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100));
    WebhookNotifier n = new WebhookNotifier(config, new AlertJson(), metrics);
    closeables.add(n);
    return n;
  }

  /** Outbox's message: a firing alert of {@code queue} to {@link #RECEIVER}. */
  private static WebhookMessage message(String queue) {
    return OutboxTest.message(queue);
  }

  private double count(String result) {
    return registry
        .get("cscmon.notifications")
        .tag("receiver", RECEIVER)
        .tag("result", result)
        .counter()
        .count();
  }

  private static DeliveryResult outcome(CompletableFuture<DeliveryResult> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  @Test
  void retriesAfterA500ThenDeliversAnAlertmanagerV4Body() throws Exception {
    WebhookReceiver receiver = receiver().answer(500);
    WebhookNotifier notifier = notifier(receiver.url(), 3);

    assertThat(outcome(notifier.notify(message("retail")))).isEqualTo(DeliveryResult.DELIVERED);

    List<WebhookReceiver.Request> requests = receiver.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests).extracting(WebhookReceiver.Request::method).containsOnly("POST");
    assertThat(requests.get(0).body()).isEqualTo(requests.get(1).body());
    String id = requests.get(0).header("Webhook-Id");
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(requests.get(1).header("Webhook-Id")).isEqualTo(id);
    assertThat(requests.get(1).header("Content-Type")).isEqualTo("application/json");

    JsonNode body = JSON.readTree(requests.get(1).body());
    assertThat(body.path("version").asText()).isEqualTo("4");
    assertThat(body.path("receiver").asText()).isEqualTo(RECEIVER);
    assertThat(body.path("status").asText()).isEqualTo("firing");
    assertThat(body.path("groupKey").asText())
        .isEqualTo("{}:{alertname=\"ServiceLevelBreach\", center=\"sh\"}");
    assertThat(body.path("truncatedAlerts").isInt()).isTrue();
    assertThat(body.path("truncatedAlerts").asInt()).isZero();
    assertThat(body.path("externalURL").asText()).isEqualTo("http://cscmon.test:8080");
    assertThat(body.path("groupLabels").path("alertname").asText()).isEqualTo("ServiceLevelBreach");
    assertThat(body.path("groupLabels").path("center").asText()).isEqualTo("sh");
    assertThat(body.path("commonLabels").path("queue").asText()).isEqualTo("retail");
    assertThat(body.path("commonAnnotations").path("threshold").asText()).isEqualTo("0.80");
    JsonNode alert = body.path("alerts").get(0);
    assertThat(body.path("alerts").size()).isEqualTo(1);
    assertThat(alert.path("status").asText()).isEqualTo("firing");
    assertThat(alert.path("labels").path("emergency_level").asText()).isEqualTo("II");
    assertThat(alert.path("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(alert.path("fingerprint").asText()).matches("[0-9a-f]{16}");
    assertThat(alert.has("startsAt") && alert.has("annotations") && alert.has("generatorURL"))
        .isTrue();

    assertThat(count(NotificationMetrics.DELIVERED)).isEqualTo(1);
    assertThat(count(NotificationMetrics.FAILED)).isZero();
    assertThat(registry.get("cscmon.notification.retries").counter().count()).isEqualTo(1);
    assertThat(registry.get("cscmon.notification.duration").timer().count()).isEqualTo(1);
  }

  @Test
  void plainHttpReceiversGetHttp11WithoutAnH2cUpgradeOffer() throws Exception {
    // Java's client offers "Upgrade: h2c" on plain HTTP by default; receivers and proxies written
    // for Alertmanager (HTTP/1.1) need not understand it, and some answer 400 or hang.
    WebhookReceiver receiver = receiver();
    WebhookNotifier notifier = notifier(receiver.url(), 1);

    assertThat(outcome(notifier.notify(message("retail")))).isEqualTo(DeliveryResult.DELIVERED);

    WebhookReceiver.Request request = receiver.requests().get(0);
    assertThat(request.header("Upgrade")).isNull();
    assertThat(request.header("HTTP2-Settings")).isNull();
  }

  @Test
  void givesUpAfterMaxAttemptsOnPersistent5xx() throws Exception {
    WebhookReceiver receiver = receiver().answerAlways(503);
    WebhookNotifier notifier = notifier(receiver.url(), 3);

    assertThat(outcome(notifier.notify(message("retail")))).isEqualTo(DeliveryResult.FAILED);

    assertThat(receiver.requests()).hasSize(3);
    assertThat(count(NotificationMetrics.FAILED)).isEqualTo(1);
    assertThat(count(NotificationMetrics.DELIVERED)).isZero();
  }

  @Test
  void retries429ButNotOther4xx() throws Exception {
    WebhookReceiver receiver = receiver().answer(429, 400);
    WebhookNotifier notifier = notifier(receiver.url(), 5);

    assertThat(outcome(notifier.notify(message("retail")))).isEqualTo(DeliveryResult.REJECTED);

    assertThat(receiver.requests()).hasSize(2);
    assertThat(count(NotificationMetrics.FAILED)).isEqualTo(1);
  }

  @Test
  void connectionRefusedIsRetriedBoundedAndNeverThrows() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    WebhookNotifier notifier = notifier(URI.create("http://127.0.0.1:" + closedPort + "/"), 3);

    assertThat(outcome(notifier.notify(message("retail")))).isEqualTo(DeliveryResult.FAILED);

    assertThat(registry.get("cscmon.notification.retries").counter().count()).isEqualTo(2);
    assertThat(count(NotificationMetrics.FAILED)).isEqualTo(1);
  }

  @Test
  void deliversInSubmissionOrderEvenWhenTheFirstNeedsRetries() throws Exception {
    WebhookReceiver receiver = receiver().answer(500, 502);
    WebhookNotifier notifier = notifier(receiver.url(), 5);

    List<CompletableFuture<DeliveryResult>> results =
        List.of(
            notifier.notify(message("q1")),
            notifier.notify(message("q2")),
            notifier.notify(message("q3")));

    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() == 5);
    for (CompletableFuture<DeliveryResult> r : results) {
      assertThat(outcome(r)).isEqualTo(DeliveryResult.DELIVERED);
    }
    List<String> queues = new ArrayList<>();
    for (WebhookReceiver.Request request : receiver.requests()) {
      queues.add(JSON.readTree(request.body()).path("commonLabels").path("queue").asText());
    }
    assertThat(queues).containsExactly("q1", "q1", "q1", "q2", "q3");
    assertThat(count(NotificationMetrics.DELIVERED)).isEqualTo(3);
  }

  @Test
  void differentNotificationsHaveDifferentIdsAndTheSameOneTheSameId() {
    String a = WebhookNotifier.webhookId("g", "{\"a\":1}");
    assertThat(WebhookNotifier.webhookId("g", "{\"a\":1}")).isEqualTo(a);
    assertThat(WebhookNotifier.webhookId("g", "{\"a\":2}")).isNotEqualTo(a);
    assertThat(WebhookNotifier.webhookId("h", "{\"a\":1}")).isNotEqualTo(a);
  }

  @Test
  void standardWebhooksSignatureVerifiesAsTheSpecSays() throws Exception {
    byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    WebhookReceiver receiver = receiver();
    WebhookNotifier n =
        new WebhookNotifier(
            WebhookConfig.of(RECEIVER, receiver.url()).withMaxAttempts(1),
            new StandardWebhooks(Payload.alertmanagerWebhook(new AlertJson()), secret),
            metrics);
    closeables.add(n);

    assertThat(outcome(n.notify(message("retail")))).isEqualTo(DeliveryResult.DELIVERED);

    // Verified here independently: HMAC-SHA256(key, id "." timestamp "." body), Base64, "v1,".
    WebhookReceiver.Request r = receiver.requests().get(0);
    String id = r.header("webhook-id");
    String timestamp = r.header("webhook-timestamp");
    assertThat(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)))
        .isLessThan(300);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    String expected =
        Base64.getEncoder()
            .encodeToString(
                mac.doFinal(
                    (id + "." + timestamp + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
    assertThat(r.header("webhook-signature").split(" ")).contains("v1," + expected);
    assertThat(id).isEqualTo(WebhookNotifier.webhookId(message("retail").groupKey(), r.body()));
    assertThatThrownBy(
            () -> new StandardWebhooks(Payload.alertmanagerWebhook(new AlertJson()), "nope"))
        .hasMessageContaining("whsec_");
  }

  @Test
  void closedNotifierFailsNewNotificationsWithoutThrowing() throws Exception {
    WebhookReceiver receiver = receiver();
    WebhookNotifier notifier = notifier(receiver.url(), 1);
    notifier.close();

    assertThat(outcome(notifier.notify(message("retail")))).isEqualTo(DeliveryResult.FAILED);
    assertThat(receiver.requests()).isEmpty();
    assertThat(count(NotificationMetrics.FAILED)).isEqualTo(1);
  }
}
