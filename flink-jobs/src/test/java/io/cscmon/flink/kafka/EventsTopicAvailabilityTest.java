package io.cscmon.flink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/** The verdict kept between the ingest's writes and the probe, without a broker. */
class EventsTopicAvailabilityTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final EventsTopicAvailability availability =
      new EventsTopicAvailability("10.1.2.3:9092", "cscmon-events").bindTo(registry);

  private double gauge() {
    return registry
        .get("cscmon.kafka.events.topic.available")
        .tag("topic", "cscmon-events")
        .gauge()
        .value();
  }

  @Test
  void aFailureNamesKafkaTheTopicAndTheBootstrapUntilAVerdictSaysItIsBack() {
    assertThat(availability.unavailable()).isEmpty();
    assertThat(gauge()).isEqualTo(1);

    availability.unavailable("TimeoutException: Timed out waiting for a node assignment");
    assertThat(availability.unavailable())
        .contains(
            "the Kafka events topic cscmon-events on 10.1.2.3:9092 is unavailable:"
                + " TimeoutException: Timed out waiting for a node assignment");
    assertThat(gauge()).isZero();

    availability.available();
    assertThat(availability.unavailable()).isEmpty();
    assertThat(gauge()).isEqualTo(1);
  }

  @Test
  void theCauseIsTheKafkaExceptionUnwrappedFromItsFuture() {
    assertThat(
            EventsTopicAvailability.cause(
                new ExecutionException(new TimeoutException("Timed out waiting"))))
        .isEqualTo("TimeoutException: Timed out waiting");
    assertThat(EventsTopicAvailability.cause(new TimeoutException((String) null)))
        .isEqualTo("TimeoutException");
  }

  @Test
  void aProbeWithoutAnswerSaysSoInWordsAndKeepsKafkas() {
    assertThat(
            EventsTopicProbe.why(
                new ExecutionException(
                    new TimeoutException("Timed out waiting for a node assignment."))))
        .isEqualTo(
            "no answer from the broker within 3 s (TimeoutException: Timed out waiting for a node"
                + " assignment.)");
    assertThat(
            EventsTopicProbe.why(
                new ExecutionException(
                    new UnknownTopicOrPartitionException("This server does not host it."))))
        .isEqualTo("UnknownTopicOrPartitionException: This server does not host it.");
  }

  @Test
  void aPartitionWithoutLeaderMakesTheTopicUnwritable() {
    Node broker = new Node(1, "127.0.0.1", 9092);
    TopicPartitionInfo led = new TopicPartitionInfo(0, broker, List.of(broker), List.of(broker));
    assertThat(
            EventsTopicProbe.problemOf(new TopicDescription("cscmon-events", false, List.of(led))))
        .isNull();
    for (Node none : new Node[] {null, Node.noNode()}) {
      TopicPartitionInfo leaderless = new TopicPartitionInfo(1, none, List.of(broker), List.of());
      assertThat(
              EventsTopicProbe.problemOf(
                  new TopicDescription("cscmon-events", false, List.of(led, leaderless))))
          .isEqualTo("partition 1 has no leader");
    }
  }
}
