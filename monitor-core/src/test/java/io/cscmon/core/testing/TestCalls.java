package io.cscmon.core.testing;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_SECOND;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;

/** Call events for the queue tests: what a queue sees of a call, every other field absent. */
public final class TestCalls {
  private TestCalls() {}

  /**
   * Call {@code id} of center {@code sh} in {@code phase} on {@code queue}, {@code secondsLater}
   * after {@link TestTimes#BEGINNING}, with its {@code waitMs} (null: none).
   */
  public static CallEvent inQueue(
      long secondsLater, String id, CallPhase phase, String queue, Long waitMs) {
    return new CallEvent(
        BEGINNING + secondsLater * ONE_SECOND,
        "sh",
        id,
        phase,
        null,
        null,
        null,
        null,
        queue,
        waitMs,
        null,
        null,
        null);
  }
}
