package io.cscmon.core.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calls waiting now and the longest wait now, per queue and for the whole center, at one instant:
 * the ACD wallboard's two live numbers, computed from call events (queued, not yet answered,
 * abandoned or ended). Unlike the minute counts these are states, not flows: a call waiting across
 * ten minutes counts in each of them.
 */
public final class QueueWaits {

  /** Calls waiting in the queue at the instant. */
  public static final String CALLS_WAITING = "calls_waiting";

  /** How long the longest-waiting call has waited at the instant, in seconds (0 when none). */
  public static final String LONGEST_WAIT = "longest_wait_seconds";

  private final Map<String, long[]> perQueue = new TreeMap<>();
  private long total;
  private long oldest = Long.MAX_VALUE;
  private final long at;

  /** Starts a snapshot at {@code at}, reporting every queue of {@code known}, waiting or not. */
  public QueueWaits(long at, Iterable<String> known) {
    this.at = at;
    for (String queue : known) {
      perQueue.put(queue, new long[] {0, Long.MAX_VALUE});
    }
  }

  /** Counts {@code call} if it waits at the snapshot's instant. */
  public void add(WaitingCall call) {
    if (!call.waitingAt(at)) {
      return;
    }
    long[] q = perQueue.computeIfAbsent(call.queue, k -> new long[] {0, Long.MAX_VALUE});
    q[0]++;
    q[1] = Math.min(q[1], call.queuedAt);
    total++;
    oldest = Math.min(oldest, call.queuedAt);
  }

  /** The queues reported: the known ones and every one with a waiting call. */
  public Iterable<String> queues() {
    return perQueue.keySet();
  }

  public long waiting(String queue) {
    long[] q = perQueue.get(queue);
    return q == null ? 0 : q[0];
  }

  public double longestWaitSeconds(String queue) {
    long[] q = perQueue.get(queue);
    return q == null || q[0] == 0 ? 0 : (at - q[1]) / 1000.0;
  }

  public long totalWaiting() {
    return total;
  }

  public double centerLongestWaitSeconds() {
    return total == 0 ? 0 : (at - oldest) / 1000.0;
  }

  /**
   * The KPI samples of the snapshot for the minute [{@code at} − 1 min, {@code at}): per queue and
   * for the center ({@link CallFact#CENTER}). Samples: the calls waiting.
   */
  public List<KpiSample> samples(String center) {
    List<KpiSample> out = new ArrayList<>(2 * perQueue.size() + 2);
    long start = at - 60_000L;
    for (String queue : perQueue.keySet()) {
      long n = waiting(queue);
      out.add(new KpiSample(CALLS_WAITING, center, "queue", queue, start, at, n, n));
      out.add(
          new KpiSample(
              LONGEST_WAIT, center, "queue", queue, start, at, longestWaitSeconds(queue), n));
    }
    out.add(
        new KpiSample(
            CALLS_WAITING, center, CallFact.CENTER, CallFact.ALL, start, at, total, total));
    out.add(
        new KpiSample(
            LONGEST_WAIT,
            center,
            CallFact.CENTER,
            CallFact.ALL,
            start,
            at,
            centerLongestWaitSeconds(),
            total));
    return out;
  }
}
