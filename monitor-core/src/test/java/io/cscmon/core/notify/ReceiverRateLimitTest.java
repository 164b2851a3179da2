package io.cscmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.journal.Journal;
import io.cscmon.core.manager.AlertManagerConfig;
import io.cscmon.core.testing.FakeClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At most N a minute per integration: the rest waits its turn, in order, and none is dropped. */
class ReceiverRateLimitTest {

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-27T02:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void anyMinuteHoldsAtMostTheLimit() {
    ReceiverRateLimit limit = ReceiverRateLimit.perMinute(3, "robot", registry, clock);
    assertThat(limit.reserve()).isZero();
    clock.advance(Duration.ofSeconds(10));
    assertThat(limit.reserve()).isZero();
    assertThat(limit.reserve()).isZero();
    assertThat(limit.reserve()).isEqualTo(50_000); // the first leaves the window at 60 s
    clock.advance(Duration.ofSeconds(50));
    assertThat(limit.reserve()).isZero();
    assertThat(limit.reserve()).isEqualTo(10_000);
  }

  @Test
  void pacedHalfTheMinuteGoesAtOnceTheOtherHalfOnePerTwentiethOfAMinute() {
    ReceiverRateLimit limit = ReceiverRateLimit.perMinute(20, "robot", registry, clock);
    for (int i = 0; i < 10; i++) {
      assertThat(limit.reserve(true)).as("message %d", i).isZero();
    }
    assertThat(limit.reserve(true)).isEqualTo(3_000);
    for (int i = 10; i < 20; i++) {
      clock.advance(Duration.ofSeconds(3));
      assertThat(limit.reserve(true)).as("message %d", i).isZero();
      assertThat(limit.reserve(true)).isEqualTo(i < 19 ? 3_000 : 30_000); // then the minute is full
    }
    clock.advance(Duration.ofSeconds(30)); // the first ten leave the window together
    assertThat(limit.reserve(true)).isZero();
    assertThat(limit.reserve(true)).isEqualTo(3_000); // still half the window's used
    assertThat(limit.reserve(false)).isZero(); // unpaced: only the 20 count
  }

  /** Records what it is asked to send. */
  private static final class Recording implements Notifier {
    final List<String> sent = new ArrayList<>();

    @Override
    public String receiver() {
      return "robot";
    }

    @Override
    public synchronized CompletableFuture<DeliveryResult> notify(WebhookMessage message) {
      sent.add(message.alerts().get(0).label("queue"));
      return CompletableFuture.completedFuture(DeliveryResult.DELIVERED);
    }

    synchronized List<String> sent() {
      return List.copyOf(sent);
    }

    @Override
    public void close() {}
  }

  @Test
  void notificationsBeyondTheLimitAreDeferredInOrderNeverDropped(@TempDir Path dir) {
    Recording robot = new Recording();
    Outbox outbox = new Outbox(Journal.open(dir.resolve("outbox.ndjson")), new AlertJson(), clock);
    ReceiverRateLimit limit = ReceiverRateLimit.perMinute(2, "robot", registry, clock);
    try (DurableNotifier notifier =
        DurableNotifier.of(robot, "robot/0", outbox, clock).withRateLimit(limit)) {
      for (String queue : List.of("a", "b", "c", "d", "e")) {
        notifier.notify(OutboxTest.message(queue));
      }
      await().until(() -> robot.sent().size() == 2);
      await().until(() -> registry.get("cscmon.notifications.deferred").counter().count() == 1.0);
      assertThat(robot.sent()).containsExactly("a", "b"); // the clock has not moved
      clock.advance(Duration.ofMinutes(1));
      await().until(() -> robot.sent().size() == 4);
      clock.advance(Duration.ofMinutes(1));
      await().until(() -> robot.sent().size() == 5);
      assertThat(robot.sent()).containsExactly("a", "b", "c", "d", "e");
      await().until(() -> outbox.pendingCount() == 0);
    } finally {
      outbox.close();
    }
  }

  @Test
  void robotsDefaultToTwentyAMinuteAndAReceiverMaySayOtherwise() {
    AlertManagerConfig config =
        AlertManagerConfig.parse(
            """
            route: {receiver: chat, routes: [{receiver: hooks, matchers: ['queue="vip"']}]}
            receivers:
              - name: chat
                dingtalk_configs: [{url: "https://oapi.dingtalk.com/robot/send?access_token=x"}]
              - name: hooks
                max_per_minute: 5
                webhook_configs: [{url: "https://hooks.example/a"}]
            """);
    assertThat(config.receivers().get("chat").get(0).defaultMaxPerMinute()).isEqualTo(20);
    assertThat(config.receivers().get("hooks").get(0).defaultMaxPerMinute()).isZero();
    assertThat(config.maxPerMinute()).containsEntry("hooks", 5).doesNotContainKey("chat");
  }
}
