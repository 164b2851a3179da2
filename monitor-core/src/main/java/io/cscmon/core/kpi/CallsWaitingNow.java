package io.cscmon.core.kpi;

/**
 * Calls waiting now as an ACD wallboard shows them: on each call event that changes the count, not
 * at the end of a minute. A call counts from the moment its {@code queued} line has been seen until
 * its departure ({@code answered}, {@code abandoned}, {@code ended}) has been ({@link
 * WaitingCall#queueNow}), so the count follows the order the lines arrive in, not an event-time
 * snapshot: a departure that arrives before its {@code queued} means the call never counts. The
 * same lines in the same order give the same readings, so a replay raises the same alerts.
 *
 * <p>Each reading is an instant {@link KpiSample} ({@link KpiSample#isInstant}): window start and
 * end both at the reading's event time, which never goes backwards within a center (the latest
 * event time seen there), and {@code samples} 1, one reading.
 */
public final class CallsWaitingNow {
  private CallsWaitingNow() {}

  /** Calls waiting in a queue (or the center) now, updated on each event that changes it. */
  public static final String CALLS_WAITING_NOW = "calls_waiting_now";

  /** The reading of {@code waiting} calls in {@code queue} of {@code center} at {@code at}. */
  public static KpiSample queue(String center, String queue, long at, long waiting) {
    return new KpiSample(CALLS_WAITING_NOW, center, "queue", queue, at, at, waiting, 1);
  }

  /** The reading of {@code waiting} calls in all of {@code center}'s queues at {@code at}. */
  public static KpiSample center(String center, long at, long waiting) {
    return new KpiSample(
        CALLS_WAITING_NOW, center, CallFact.CENTER, CallFact.ALL, at, at, waiting, 1);
  }
}
