package io.cscmon.core.kpi;

import io.cscmon.core.event.CallEvent;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The call counts of one parallel reader per window and scope, summed locally before they are keyed
 * by scope: a call event counts for three or four scopes, so sending each of its {@link CallFact}s
 * to the scope's owner would cost three or four records per event, where a window's partial counts
 * cost one record per scope and window. Counts are sums of longs, so adding the readers' partials
 * gives exactly what counting every fact in one place gives.
 */
public final class CallCountsBuffer {

  /** Receives the partial counts of one scope over one window {@code [start, end)}. */
  public interface Partial {
    void accept(String center, String dimension, String scope, long start, long end, CallCounts c);
  }

  private record Scope(String center, String dimension, String scope) {}

  private final long windowMs;
  private final long targetAnswerMs;
  private final TreeMap<Long, Map<Scope, CallCounts>> byWindowStart = new TreeMap<>();

  /**
   * @param windowMs the tumbling window the counts are summed in (aligned to the epoch)
   * @param targetAnswerMs the service level's answer-time target
   */
  public CallCountsBuffer(long windowMs, long targetAnswerMs) {
    if (windowMs <= 0) {
      throw new IllegalArgumentException("window must be positive: " + windowMs + " ms");
    }
    this.windowMs = windowMs;
    this.targetAnswerMs = targetAnswerMs;
  }

  /** Counts the call's facts in its window, for every scope it counts in. */
  public void add(CallEvent call) {
    long start = call.ts() - Math.floorMod(call.ts(), windowMs);
    Map<Scope, CallCounts> window =
        byWindowStart.computeIfAbsent(start, s -> new LinkedHashMap<>());
    for (CallFact fact : CallFact.of(call)) {
      window
          .computeIfAbsent(
              new Scope(fact.center(), fact.dimension(), fact.scope()), s -> new CallCounts())
          .add(fact, targetAnswerMs);
    }
  }

  /** Hands over and forgets the windows that end at or before {@code time + 1}: those it closed. */
  public void drainClosed(long time, Partial out) {
    drain(time == Long.MAX_VALUE ? Long.MAX_VALUE : time + 1, out);
  }

  /** Hands over and forgets every window, closed or not (their partial counts so far). */
  public void drainAll(Partial out) {
    drain(Long.MAX_VALUE, out);
  }

  public boolean isEmpty() {
    return byWindowStart.isEmpty();
  }

  private void drain(long endAtMost, Partial out) {
    Iterator<Map.Entry<Long, Map<Scope, CallCounts>>> windows = byWindowStart.entrySet().iterator();
    while (windows.hasNext()) {
      Map.Entry<Long, Map<Scope, CallCounts>> window = windows.next();
      long start = window.getKey();
      long end = start + windowMs;
      if (endAtMost != Long.MAX_VALUE && end > endAtMost) {
        break; // sorted by start: every later window is open too
      }
      for (Map.Entry<Scope, CallCounts> e : window.getValue().entrySet()) {
        Scope s = e.getKey();
        out.accept(s.center(), s.dimension(), s.scope(), start, end, e.getValue());
      }
      windows.remove();
    }
  }
}
