package io.cscmon.flink.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Asks the broker every {@link #PERIOD} whether the events topic exists and each of its partitions
 * has a leader, and gives the answer to an {@link EventsTopicAvailability}. It is what makes
 * readiness recover by itself when the broker is back, without waiting for an ingest request (a
 * load balancer sends none to an instance that is not ready). Off the request path: {@code
 * /health/ready} only reads the verdict.
 */
public final class EventsTopicProbe implements AutoCloseable {

  static final Duration PERIOD = Duration.ofSeconds(1);

  /** Longer than a healthy broker ever takes to describe a topic; short enough to notice soon. */
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final String topic;
  private final EventsTopicAvailability availability;
  private final Admin admin;
  private final ScheduledExecutorService timer;

  private EventsTopicProbe(String bootstrap, String topic, EventsTopicAvailability availability) {
    this.topic = topic;
    this.availability = availability;
    int timeout = (int) TIMEOUT.toMillis();
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
                // Back within a second of the broker: the client's default backoff grows to 1 s.
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cscmon-kafka-probe");
              t.setDaemon(true);
              return t;
            });
  }

  /** Probes {@code topic} on {@code bootstrap} from now on, until closed. */
  public static EventsTopicProbe start(
      String bootstrap, String topic, EventsTopicAvailability availability) {
    EventsTopicProbe probe = new EventsTopicProbe(bootstrap, topic, availability);
    probe.timer.scheduleWithFixedDelay(probe::probe, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    return probe;
  }

  private void probe() {
    try {
      TopicDescription description =
          admin
              .describeTopics(
                  List.of(topic), new DescribeTopicsOptions().timeoutMs((int) TIMEOUT.toMillis()))
              .allTopicNames()
              .get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS)
              .get(topic);
      String problem = problemOf(description);
      if (problem == null) {
        availability.available();
      } else {
        availability.unavailable(problem);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      availability.unavailable(why(e));
    }
  }

  /**
   * Why a probe failed. Kafka's words for a broker that is down or unreachable ("Timed out waiting
   * for a node assignment. Call: listNodes") do not say so; this does, and keeps them.
   */
  static String why(Exception failure) {
    Throwable t =
        failure instanceof ExecutionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    String cause = EventsTopicAvailability.cause(t);
    if (t instanceof org.apache.kafka.common.errors.TimeoutException
        || t instanceof java.util.concurrent.TimeoutException) {
      return "no answer from the broker within " + TIMEOUT.toSeconds() + " s (" + cause + ")";
    }
    return cause;
  }

  /**
   * Why a topic so described cannot take the ingest's writes, or null when it can: a partition
   * without a leader refuses every write to it, and a line's partition is its center's.
   */
  static String problemOf(TopicDescription description) {
    for (TopicPartitionInfo p : description.partitions()) {
      Node leader = p.leader();
      if (leader == null || leader.isEmpty()) {
        return "partition " + p.partition() + " has no leader";
      }
    }
    return null;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close(Duration.ofSeconds(5));
  }
}
