package io.cscmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.journal.Journal;
import io.cscmon.core.metrics.NotificationMetrics;
import io.cscmon.core.testing.FakeClock;
import io.cscmon.core.testing.TestAlerts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook receiver down for 10 minutes: every notification reaches it afterwards, each exactly
 * once, in order within its group, a resent one always with its first Webhook-Id. The ten minutes
 * pass on a fake clock that the notifier's retry pauses move forward, so the test takes seconds;
 * the receiver is a real HTTP server answering 503 until the fake clock leaves the outage.
 */
class ReceiverOutageTest {

  private static final Duration OUTAGE = Duration.ofMinutes(10);
  private static final Duration MAX_RETRY_PAUSE = Duration.ofMinutes(5);

  @TempDir Path dir;

  private final AlertJson json = new AlertJson();
  private final FakeClock clock = new FakeClock(TestAlerts.T0);
  private final long outageEnds = TestAlerts.T0 + OUTAGE.toMillis();

  /** What the receiver saw: the fake time, the status it answered, the id and the body. */
  record Seen(long at, int status, String id, String body) {}

  private WebhookMessage message(String queue, Alert alert) {
    return WebhookMessage.of(
        "oncall",
        Map.of("alertname", "ServiceLevelBreach", "queue", queue),
        "{}:{alertname=\"ServiceLevelBreach\", queue=\"" + queue + "\"}",
        List.of(alert),
        "http://cscmon.test:8080",
        0);
  }

  @Test
  void everyNotificationArrivesAfterTheOutageOnceAndInOrderWithinItsGroup() throws Exception {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          int status = clock.millis() < outageEnds ? 503 : 200;
          seen.add(
              new Seen(
                  clock.millis(),
                  status,
                  exchange.getRequestHeaders().getFirst("Webhook-Id"),
                  body));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
    URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");

    // Three groups, each firing, escalated, resolved: nine notifications, submitted interleaved.
    List<WebhookMessage> sent = new ArrayList<>();
    for (String level : List.of("III", "II")) {
      for (String queue : List.of("retail", "vip", "wealth")) {
        sent.add(message(queue, TestAlerts.firing(queue, level, TestAlerts.T0)));
      }
    }
    for (String queue : List.of("retail", "vip", "wealth")) {
      Alert firing = TestAlerts.firing(queue, "II", TestAlerts.T0);
      sent.add(message(queue, firing.resolved(TestAlerts.T0 + 600_000, firing.annotations())));
    }

    try (Outbox outbox = new Outbox(Journal.open(dir.resolve("outbox.ndjson")), json, clock);
        DurableNotifier notifier =
            new DurableNotifier(
                new WebhookNotifier(
                    WebhookConfig.of("oncall", url)
                        .withMaxAttempts(1)
                        .withTimeout(Duration.ofSeconds(10)),
                    json,
                    new NotificationMetrics(new SimpleMeterRegistry())),
                "oncall/0",
                outbox,
                clock,
                Duration.ofSeconds(5),
                MAX_RETRY_PAUSE,
                Duration.ofDays(1),
                null,
                clock::advance)) {
      sent.forEach(notifier::notify);
      await().atMost(Duration.ofMinutes(2)).until(() -> outbox.pendingCount() == 0);
    } finally {
      receiver.stop(0);
    }

    List<String> ids =
        sent.stream().map(m -> WebhookNotifier.webhookId(m.groupKey(), json.encode(m))).toList();
    List<Seen> delivered = seen.stream().filter(s -> s.status() == 200).toList();
    List<Seen> refused = seen.stream().filter(s -> s.status() == 503).toList();

    // The receiver was really down, and retried through the whole outage.
    assertThat(refused).isNotEmpty();
    assertThat(refused.get(refused.size() - 1).at())
        .isGreaterThanOrEqualTo(outageEnds - MAX_RETRY_PAUSE.toMillis());
    // Attempts during the outage are all the oldest notification: nothing overtakes it.
    assertThat(refused).extracting(Seen::id).containsOnly(ids.get(0));
    // Afterwards: every notification exactly once, in the order accepted (so within each group),
    // and no later than one retry pause after the receiver came back.
    assertThat(delivered).extracting(Seen::id).containsExactlyElementsOf(ids);
    assertThat(delivered.get(0).at())
        .isBetween(outageEnds, outageEnds + MAX_RETRY_PAUSE.toMillis());
    // A resent body carries the id of its first attempt.
    assertThat(seen)
        .allSatisfy(s -> assertThat(s.id()).isEqualTo(ids.get(indexOfBody(sent, s.body()))));
  }

  private int indexOfBody(List<WebhookMessage> sent, String body) {
    for (int i = 0; i < sent.size(); i++) {
      if (json.encode(sent.get(i)).equals(body)) {
        return i;
      }
    }
    throw new AssertionError("a body nobody sent: " + body);
  }
}
