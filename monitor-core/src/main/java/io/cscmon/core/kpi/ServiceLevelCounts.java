package io.cscmon.core.kpi;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;

/**
 * The counts behind a service level: calls answered within the target answer time, all answered,
 * and abandoned in the queue. Service level = answered within target ÷ (answered + abandoned), the
 * industry's definition that counts an abandoned caller as a failure (the 80/20 target). Mutable
 * with public fields so that Flink can use it as an aggregation accumulator without Kryo.
 */
public final class ServiceLevelCounts {
  public long answeredWithinTarget;
  public long answered;
  public long abandoned;

  public ServiceLevelCounts() {}

  public ServiceLevelCounts(long answeredWithinTarget, long answered, long abandoned) {
    this.answeredWithinTarget = answeredWithinTarget;
    this.answered = answered;
    this.abandoned = abandoned;
  }

  /** Whether a call event contributes to the service level (answers and abandons in a queue). */
  public static boolean counts(CallEvent call) {
    return call.queue() != null
        && (call.phase() == CallPhase.ANSWERED || call.phase() == CallPhase.ABANDONED);
  }

  public void add(CallEvent call, long targetAnswerMs) {
    if (call.phase() == CallPhase.ANSWERED) {
      answered++;
      if (call.waitMs() != null && call.waitMs() <= targetAnswerMs) {
        answeredWithinTarget++;
      }
    } else if (call.phase() == CallPhase.ABANDONED) {
      abandoned++;
    }
  }

  public void merge(ServiceLevelCounts other) {
    answeredWithinTarget += other.answeredWithinTarget;
    answered += other.answered;
    abandoned += other.abandoned;
  }

  /** Calls that reached a decision: answered or abandoned. */
  public long offered() {
    return answered + abandoned;
  }

  /** The service level in 0..1; {@code NaN} when no call reached a decision. */
  public double serviceLevel() {
    long offered = offered();
    return offered == 0 ? Double.NaN : (double) answeredWithinTarget / offered;
  }
}
