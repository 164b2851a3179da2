package io.cscmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.journal.Journal;
import io.cscmon.core.metrics.NotificationMetrics;
import io.cscmon.core.testing.TestAlerts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox against a real local HTTP receiver that is down, then up. */
class OutboxTest {

  static final String RECEIVER = "oncall";

  @TempDir Path dir;

  private final AlertJson json = new AlertJson();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  static WebhookMessage message(String queue) {
    Alert alert = TestAlerts.firing(queue, "II", TestAlerts.T0);
    return WebhookMessage.of(
        RECEIVER,
        Map.of("alertname", "ServiceLevelBreach", "center", "sh"),
        "{}:{alertname=\"ServiceLevelBreach\", center=\"sh\"}",
        List.of(alert),
        "http://cscmon.test:8080",
        0);
  }

  private String id(WebhookMessage m) {
    return WebhookNotifier.webhookId(m.groupKey(), json.encode(m));
  }

  private <T extends AutoCloseable> T keep(T c) {
    closeables.add(c);
    return c;
  }

  private Outbox outbox() {
    return keep(new Outbox(Journal.open(dir.resolve("outbox.ndjson")), json, Clock.systemUTC()));
  }

  private DurableNotifier durable(URI url, Outbox outbox) {
    WebhookNotifier webhook =
        new WebhookNotifier(
            WebhookConfig.of(RECEIVER, url).withMaxAttempts(1).withTimeout(Duration.ofSeconds(5)),
            json,
            new NotificationMetrics(new SimpleMeterRegistry()));
    return keep(
        new DurableNotifier(
            webhook,
            webhook.receiver(),
            outbox,
            Clock.systemUTC(),
            Duration.ofMillis(10),
            Duration.ofMillis(50),
            Duration.ofDays(1),
            null,
            DurableNotifier.Pause.SLEEP));
  }

  @Test
  void receiverDownAcrossARestartStillGetsEverythingInOrderWithTheSameIds() throws Exception {
    WebhookReceiver receiver = keep(new WebhookReceiver()).answerAlways(503);
    List<WebhookMessage> sent = List.of(message("q1"), message("q2"), message("q3"));

    Outbox first = outbox();
    DurableNotifier before = durable(receiver.url(), first);
    sent.forEach(before::notify);
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() >= 2);
    assertThat(first.pendingCount()).isEqualTo(3);
    before.close();
    first.close();
    int triedBefore = receiver.requests().size();
    assertThat(receiver.requests())
        .extracting(r -> r.header("Webhook-Id"))
        .containsOnly(id(sent.get(0)));

    receiver.answerAlways(200);
    Outbox second = outbox();
    assertThat(second.pending(RECEIVER))
        .extracting(Outbox.Entry::message)
        .containsExactlyElementsOf(sent);
    durable(receiver.url(), second);
    await().atMost(Duration.ofSeconds(30)).until(() -> second.pendingCount() == 0);

    List<String> ids =
        receiver.requests().subList(triedBefore, receiver.requests().size()).stream()
            .map(r -> r.header("Webhook-Id"))
            .toList();
    // A retry the closed notifier had on the wire may still reach the receiver after the switch
    // to 200: delivery is at least once, and the repeat carries the same Webhook-Id to drop it by.
    assertThat(ids.stream().distinct().toList())
        .containsExactly(id(sent.get(0)), id(sent.get(1)), id(sent.get(2)));
    assertThat(ids.subList(ids.lastIndexOf(id(sent.get(0))) + 1, ids.size()))
        .containsExactly(id(sent.get(1)), id(sent.get(2)));
    assertThat(outbox().pendingCount()).isZero();
  }

  @Test
  void rejectedNotificationsAreDoneNotRetriedForever() throws Exception {
    WebhookReceiver receiver = keep(new WebhookReceiver()).answer(400);
    Outbox outbox = outbox();
    DurableNotifier notifier = durable(receiver.url(), outbox);

    CompletableFuture<DeliveryResult> bad = notifier.notify(message("q1"));
    CompletableFuture<DeliveryResult> good = notifier.notify(message("q2"));

    assertThat(bad.get(30, TimeUnit.SECONDS)).isEqualTo(DeliveryResult.REJECTED);
    assertThat(good.get(30, TimeUnit.SECONDS)).isEqualTo(DeliveryResult.DELIVERED);
    assertThat(receiver.requests()).hasSize(2);
    assertThat(outbox.pendingCount()).isZero();
  }

  @Test
  void notificationsAcceptedBeforeKillMinus9AreDeliveredAfterRestart() throws Exception {
    WebhookReceiver receiver = keep(new WebhookReceiver()).answerAlways(503);
    Path file = dir.resolve("outbox.ndjson");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                OutboxChild.class.getName(),
                file.toString(),
                receiver.url().toString(),
                "5")
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("accepted")) {
        // skip the child's log lines
      }
      assertThat(line).isEqualTo("accepted 5");
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).isEqualTo(137);

    receiver.answerAlways(200);
    int triedBefore = receiver.requests().size();
    Outbox outbox = outbox();
    assertThat(outbox.pendingCount()).isEqualTo(5);
    durable(receiver.url(), outbox);
    await().atMost(Duration.ofSeconds(30)).until(() -> outbox.pendingCount() == 0);

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expected.add(id(message("q" + i)));
    }
    assertThat(
            receiver.requests().subList(triedBefore, receiver.requests().size()).stream()
                .map(r -> r.header("Webhook-Id")))
        .containsExactlyElementsOf(expected);
  }
}
