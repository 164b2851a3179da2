package io.cscmon.core.sim;

import java.util.Arrays;

/**
 * The simulator's future events: a binary min-heap ordered by (time, seq), seq being the order of
 * scheduling, so that events at the same millisecond run in the order they were scheduled (and the
 * same seed gives the same lines). A dedicated heap rather than {@link java.util.PriorityQueue}
 * with a comparator: the agenda is the simulator's innermost loop and comparing two fields inline
 * is measurably cheaper than calling a comparator.
 */
final class Agenda<E extends Agenda.Entry> {

  /** What the agenda orders; fields set by {@link #add}. */
  abstract static class Entry {
    long time;
    long seq;
  }

  private Entry[] heap = new Entry[256];
  private int size;
  private long nextSeq;

  /** Schedules {@code e} at {@code time}, after everything already scheduled for that time. */
  void add(E e, long time) {
    e.time = time;
    e.seq = nextSeq++;
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Entry p = heap[parent];
      if (!before(e, p)) {
        break;
      }
      heap[i] = p;
      i = parent;
    }
    heap[i] = e;
  }

  /** Removes and returns the earliest entry, or {@code null} when empty. */
  @SuppressWarnings("unchecked")
  E poll() {
    if (size == 0) {
      return null;
    }
    Entry first = heap[0];
    Entry last = heap[--size];
    heap[size] = null;
    if (size > 0) {
      int i = 0;
      int half = size >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        Entry c = heap[child];
        int right = child + 1;
        if (right < size && before(heap[right], c)) {
          child = right;
          c = heap[child];
        }
        if (!before(c, last)) {
          break;
        }
        heap[i] = c;
        i = child;
      }
      heap[i] = last;
    }
    return (E) first;
  }

  int size() {
    return size;
  }

  private static boolean before(Entry a, Entry b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }
}
