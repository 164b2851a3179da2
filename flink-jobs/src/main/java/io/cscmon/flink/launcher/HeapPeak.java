package io.cscmon.flink.launcher;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap in use at its highest during a run: the heap fills between collections, so its peaks are
 * just before each collection (the collector reports the use it found) and at the end. The heap
 * pools' own peaks, summed, over-report: eden, survivor and old generation peak at different
 * moments — a ten-minute live bench "peaked" at 1,113 MiB in a heap limited to 1,024 MiB that way.
 * Notifications arrive on a JMX thread, a moment after the collection.
 */
final class HeapPeak implements AutoCloseable {

  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toUnmodifiableSet());
  private final AtomicLong peak = new AtomicLong(heapUsed());
  private final NotificationListener listener = this::onCollection;
  private final List<NotificationEmitter> emitters = new ArrayList<>();

  /** Starts watching the collections from now on. */
  static HeapPeak start() {
    HeapPeak p = new HeapPeak();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(p.listener, null, null);
        p.emitters.add(emitter);
      }
    }
    return p;
  }

  private HeapPeak() {}

  /** The highest heap use seen so far, the current use included. */
  long peakBytes() {
    return peak.accumulateAndGet(heapUsed(), Math::max);
  }

  private void onCollection(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    Map<String, MemoryUsage> before =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
            .getGcInfo()
            .getMemoryUsageBeforeGc();
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : before.entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    peak.accumulateAndGet(used, Math::max);
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // Never added to this one: nothing to remove.
      }
    }
  }
}
