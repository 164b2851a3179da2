package io.cscmon.core.notify;

import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.journal.Journal;
import io.cscmon.core.metrics.NotificationMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A separate JVM for {@link OutboxTest}'s kill test: accepts {@code count} notifications for a
 * receiver that is down, says so on stdout, and waits to be killed.
 */
public final class OutboxChild {
  private OutboxChild() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    URI url = URI.create(args[1]);
    int count = Integer.parseInt(args[2]);
    AlertJson json = new AlertJson();
    Outbox outbox = new Outbox(Journal.open(file), json, Clock.systemUTC());
    WebhookNotifier webhook =
        new WebhookNotifier(
            WebhookConfig.of(OutboxTest.RECEIVER, url).withMaxAttempts(1),
            json,
            new NotificationMetrics(new SimpleMeterRegistry()));
    DurableNotifier notifier =
        new DurableNotifier(
            webhook,
            webhook.receiver(),
            outbox,
            Clock.systemUTC(),
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            Duration.ofDays(1),
            null,
            DurableNotifier.Pause.SLEEP);
    for (int i = 0; i < count; i++) {
      notifier.notify(OutboxTest.message("q" + i));
    }
    System.out.println("accepted " + count);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
