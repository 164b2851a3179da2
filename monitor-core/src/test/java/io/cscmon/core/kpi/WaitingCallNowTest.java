package io.cscmon.core.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.CallPhase;
import io.cscmon.core.testing.TestCalls;
import org.junit.jupiter.api.Test;

/** {@link WaitingCall#queueNow}: waiting as far as the lines seen so far tell, in their order. */
class WaitingCallNowTest {

  private final WaitingCall call = new WaitingCall();

  private void see(long secondsLater, CallPhase phase, String queue) {
    call.apply(TestCalls.inQueue(secondsLater, "c1", phase, queue, null));
  }

  @Test
  void waitsFromItsQueuedLineUntilItsDeparture() {
    assertThat(call.queueNow()).isNull();
    see(10, CallPhase.QUEUED, "retail");
    assertThat(call.queueNow()).isEqualTo("retail");
    see(40, CallPhase.ANSWERED, "retail");
    assertThat(call.queueNow()).isNull();
    see(200, CallPhase.ENDED, "retail");
    assertThat(call.queueNow()).isNull();
  }

  @Test
  void aDepartureSeenBeforeItsQueuedLineMeansItNeverWaitsNow() {
    see(40, CallPhase.ABANDONED, "retail");
    assertThat(call.queueNow()).isNull();
    see(10, CallPhase.QUEUED, "retail");
    assertThat(call.queueNow()).isNull();
  }

  @Test
  void queuedAgainAfterItLeftItWaitsAgainInTheNewQueue() {
    see(10, CallPhase.QUEUED, "retail");
    see(40, CallPhase.ANSWERED, "retail");
    see(100, CallPhase.QUEUED, "wealth"); // transferred
    assertThat(call.queueNow()).isEqualTo("wealth");
  }

  @Test
  void aReadingIsAnInstantWithOneObservation() {
    KpiSample s = CallsWaitingNow.queue("sh", "retail", 5_000, 4);
    assertThat(s.isInstant()).isTrue();
    assertThat(s.windowStart()).isEqualTo(s.windowEnd()).isEqualTo(5_000);
    assertThat(s.samples()).isEqualTo(1);
    assertThat(CallsWaitingNow.center("sh", 5_000, 4).dimension()).isEqualTo(CallFact.CENTER);
  }
}
