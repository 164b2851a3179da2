package io.cscmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadinessTest {

  private final AtomicBoolean jobRunning = new AtomicBoolean(true);
  private final AtomicBoolean kafkaUp = new AtomicBoolean(true);
  private final Readiness kafka = Readiness.when(kafkaUp::get, "Kafka is away");
  private final Readiness job = Readiness.when(jobRunning::get, "the job is RESTARTING");

  @Test
  void readyOnlyWhenBothAreAndEachReasonIsGivenFirstThingFirst() {
    Readiness both = kafka.and(job);
    assertThat(both.notReadyBecause()).isEmpty();

    jobRunning.set(false);
    assertThat(both.notReadyBecause()).contains("the job is RESTARTING");

    kafkaUp.set(false);
    assertThat(both.notReadyBecause()).contains("Kafka is away; the job is RESTARTING");

    jobRunning.set(true);
    assertThat(both.notReadyBecause()).contains("Kafka is away");

    kafkaUp.set(true);
    assertThat(both.notReadyBecause()).isEqualTo(Optional.empty());
  }
}
