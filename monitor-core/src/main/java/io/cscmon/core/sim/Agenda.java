package io.cscmon.core.sim;

import java.util.Arrays;

/**
 * The simulator's future events: a binary min-heap ordered by (time, seq), seq being the order of
 * scheduling, so that events at the same millisecond run in the order they were scheduled (and the
 * same seed gives the same lines). A dedicated heap rather than {@link java.util.PriorityQueue}
 * with a comparator: the agenda is the simulator's innermost loop. The keys live in primitive
 * arrays beside the entries, so that sifting compares longs in two arrays instead of following a
 * pointer to each entry it passes (a cache miss apiece with a thousand pending events).
 */
final class Agenda<E extends Agenda.Entry> {

  /** What the agenda orders; {@link #time} is set by {@link #add}. */
  abstract static class Entry {
    long time;
  }

  private Entry[] heap = new Entry[256];
  private long[] times = new long[256];
  private long[] seqs = new long[256];
  private int size;
  private long nextSeq;

  /** Schedules {@code e} at {@code time}, after everything already scheduled for that time. */
  void add(E e, long time) {
    e.time = time;
    long seq = nextSeq++;
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
      times = Arrays.copyOf(times, size * 2);
      seqs = Arrays.copyOf(seqs, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      long pt = times[parent];
      if (pt < time || (pt == time && seqs[parent] < seq)) {
        break;
      }
      heap[i] = heap[parent];
      times[i] = pt;
      seqs[i] = seqs[parent];
      i = parent;
    }
    heap[i] = e;
    times[i] = time;
    seqs[i] = seq;
  }

  /** Removes and returns the earliest entry, or {@code null} when empty. */
  @SuppressWarnings("unchecked")
  E poll() {
    if (size == 0) {
      return null;
    }
    Entry first = heap[0];
    int last = --size;
    Entry lastEntry = heap[last];
    long lastTime = times[last];
    long lastSeq = seqs[last];
    heap[last] = null;
    if (last > 0) {
      int i = 0;
      int half = last >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        int right = child + 1;
        if (right < last && before(right, child)) {
          child = right;
        }
        long ct = times[child];
        if (ct > lastTime || (ct == lastTime && seqs[child] > lastSeq)) {
          break;
        }
        heap[i] = heap[child];
        times[i] = ct;
        seqs[i] = seqs[child];
        i = child;
      }
      heap[i] = lastEntry;
      times[i] = lastTime;
      seqs[i] = lastSeq;
    }
    return (E) first;
  }

  int size() {
    return size;
  }

  private boolean before(int a, int b) {
    return times[a] < times[b] || (times[a] == times[b] && seqs[a] < seqs[b]);
  }
}
