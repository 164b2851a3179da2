package io.cscmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.journal.Journal;
import io.cscmon.core.metrics.NotificationMetrics;
import io.cscmon.core.testing.FakeClock;
import io.cscmon.core.testing.TestAlerts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WeCom robot (a real local HTTP server checking the 4096-byte limit) behind the outbox and the
 * 20-a-minute limit, on a fake clock that moves only while the notifier waits: a burst is merged
 * into few messages, and a crash between two merged messages loses and repeats nothing.
 */
class ChatRobotBatchingTest {

  @TempDir Path dir;

  private final FakeClock clock = new FakeClock(TestAlerts.T0 + 600_000);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AlertJson json = new AlertJson();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private <T extends AutoCloseable> T keep(T c) {
    closeables.add(c);
    return c;
  }

  private Outbox outbox() {
    return keep(new Outbox(Journal.open(dir.resolve("outbox.ndjson")), json, clock));
  }

  /**
   * WeCom, in Chinese and masked, durable, at most 20 a minute; {@code pause} is how it waits for
   * the limit and between retries.
   */
  private DurableNotifier wecom(ChatRobot robot, Outbox outbox, DurableNotifier.Pause pause) {
    WebhookNotifier http =
        new WebhookNotifier(
            WebhookConfig.of("robot", robot.weComUrl())
                .withMaxAttempts(1)
                .withTimeout(Duration.ofSeconds(5)),
            new WeComPayload(new ChatTexts(Language.ZH_CN, true, AlertTime.DEFAULT_ZONE, clock)),
            new NotificationMetrics(registry));
    return keep(
        new DurableNotifier(
            http,
            "robot/0",
            outbox,
            clock,
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofDays(1),
            ReceiverRateLimit.perMinute(20, "robot", registry, clock),
            pause));
  }

  /** The queue numbers the robot was told of, message after message. */
  private static List<Integer> told(List<ChatRobot.Received> received) {
    List<Integer> out = new ArrayList<>();
    for (ChatRobot.Received r : received) {
      if (r.body() != null) {
        out.addAll(
            MergedChatMessageTest.queues(r.body().path("markdown").path("content").asText()));
      }
    }
    return out;
  }

  @Test
  void aBurstOfAHundredAlertsArrivesWholeInAtMostTwentyMessagesWithinTheMinute() throws Exception {
    ChatRobot robot = keep(new ChatRobot(null, clock));
    Outbox outbox = outbox();
    CountDownLatch burstAccepted = new CountDownLatch(1);
    // Time passes only while the notifier waits, and only once the whole burst is in: the burst
    // arrives at one instant, however slowly this machine writes the outbox.
    DurableNotifier notifier =
        wecom(
            robot,
            outbox,
            d -> {
              burstAccepted.await();
              clock.advance(d);
            });
    long start = clock.millis();
    for (WebhookMessage m : MergedChatMessageTest.groups(100, 1)) {
      notifier.notify(m);
    }
    burstAccepted.countDown();
    await().atMost(Duration.ofSeconds(60)).until(() -> told(robot.received()).size() >= 100);

    List<ChatRobot.Received> received = robot.received();
    assertThat(received).allSatisfy(r -> assertThat(r.at()).isLessThan(start + 60_000));
    assertThat(received).hasSizeLessThanOrEqualTo(20);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(i);
    }
    assertThat(told(received)).containsExactlyElementsOf(expected); // each once, in order
    await().until(() -> outbox.pendingCount() == 0);
  }

  @Test
  void aCrashBetweenMergedMessagesLosesNothingAndRepeatsNothing() throws Exception {
    // The first message is taken, every later one refused as "too fast" (retried) until the crash.
    List<Integer> codes = new ArrayList<>(List.of(0));
    codes.addAll(Collections.nCopies(1000, WeComPayload.TOO_FAST));
    ChatRobot before = keep(new ChatRobot(null, clock)).failWith(codes.toArray(Integer[]::new));
    Outbox first = outbox();
    CountDownLatch burstAccepted = new CountDownLatch(1);
    DurableNotifier dying =
        wecom(
            before,
            first,
            d -> {
              burstAccepted.await();
              clock.advance(d);
              Thread.sleep(5);
            });
    for (WebhookMessage m : MergedChatMessageTest.groups(100, 1)) {
      dying.notify(m);
    }
    burstAccepted.countDown();
    await().atMost(Duration.ofSeconds(60)).until(() -> before.received().size() >= 3);
    dying.close(); // what it did not deliver stays pending; nothing more is written

    List<Integer> delivered = told(before.received().subList(0, 1));
    assertThat(delivered).isNotEmpty();
    // The restart reads the file as the crash left it: another outbox on it, the first not closed.
    Outbox second = outbox();
    assertThat(second.pendingCount()).isEqualTo(100 - delivered.size());

    ChatRobot after = keep(new ChatRobot(null, clock));
    wecom(after, second, clock::advance);
    await().atMost(Duration.ofSeconds(60)).until(() -> second.pendingCount() == 0);
    List<Integer> all = new ArrayList<>(delivered);
    all.addAll(told(after.received()));
    assertThat(all).hasSize(100).isSorted().doesNotHaveDuplicates();
  }
}
