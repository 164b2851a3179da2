package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.event.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * One key's {@link Detector} driven the way {@code DetectorFunction} drives it in a replay: the
 * watermark trails the newest event by CONTRACT §1's 30 s and runs the timers it passes; before an
 * event, a timer the watermark has not reached runs if it is at least the detector's lateness
 * before the event (the catch-up); at the end of the input, {@link Detector#onEnd}. The bench's
 * {@code DetectorRun} fires timers at the newest event's time, without the 30 s, so it cannot show
 * what events arriving out of order do.
 */
final class TimedDriver<E extends Event, S> {
  static final long OUT_OF_ORDERNESS_MS = 30_000L;

  private final Detector<E, S> detector;
  private final List<Alert> alerts = new ArrayList<>();
  private S state;
  private long newest = Long.MIN_VALUE;

  TimedDriver(Detector<E, S> detector) {
    this.detector = detector;
  }

  /** The alerts of {@code events} in the order given, the input ending after the last. */
  static <E extends Event, S> List<Alert> run(Detector<E, S> detector, List<E> events) {
    TimedDriver<E, S> driver = new TimedDriver<>(detector);
    events.forEach(driver::accept);
    return driver.end();
  }

  /**
   * {@code events} out of order by up to {@code withinMs}: sorted by their time plus a uniform
   * random delay (fixed seed), as a feed that delays each event by up to that much would deliver.
   */
  static <E extends Event> List<E> shuffled(List<E> events, long withinMs, long seed) {
    Random random = new Random(seed);
    record Delayed<E>(long at, int order, E event) {}
    List<Delayed<E>> delayed = new ArrayList<>();
    for (E e : events) {
      delayed.add(
          new Delayed<>(e.ts() + (long) (random.nextDouble() * withinMs), delayed.size(), e));
    }
    delayed.sort(
        Comparator.comparingLong((Delayed<E> d) -> d.at()).thenComparingInt(Delayed::order));
    return delayed.stream().map(Delayed::event).toList();
  }

  void accept(E event) {
    if (state == null) {
      state = detector.newState(event);
    } else {
      fireUntil(newest - OUT_OF_ORDERNESS_MS - 1); // the watermark the events so far allow
      long next = detector.nextTimer(state);
      if (next < event.ts() - detector.lateness()) {
        alerts.addAll(detector.onTimer(state, next));
      }
    }
    alerts.addAll(detector.onEvent(state, event));
    newest = Math.max(newest, event.ts());
  }

  List<Alert> end() {
    if (state != null) {
      fireUntil(newest - OUT_OF_ORDERNESS_MS - 1);
      alerts.addAll(detector.onEnd(state));
    }
    return alerts;
  }

  private void fireUntil(long watermark) {
    long at;
    while ((at = detector.nextTimer(state)) <= watermark) {
      alerts.addAll(detector.onTimer(state, at));
      if (detector.nextTimer(state) <= at) {
        return; // a detector that asks for no later time is not rerun (the operator's timer is
        // gone)
      }
    }
  }

  /** What must not depend on the arrival order: each alert's name, labels, start, end, status. */
  static List<String> identities(List<Alert> alerts) {
    return alerts.stream()
        .map(a -> a.status() + " " + a.labels() + " " + a.startsAt() + " " + a.endsAt())
        .sorted()
        .toList();
  }
}
