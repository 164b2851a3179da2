package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bench's peak heap: the use found by a collection, never more than the heap may hold. */
class HeapPeakTest {

  private static final int MIB = 1 << 20;

  /** Kept reachable until the collection below, so that it is in the use the collector found. */
  private static volatile byte[] held;

  @Test
  void aBlockFreedBeforeTheEndStillCountsAndThePeakStaysWithinTheHeap() {
    System.gc(); // the heap's use at the start is then about what is live, not earlier garbage
    try (HeapPeak peak = HeapPeak.start()) {
      held = new byte[64 * MIB];
      held[held.length - 1] = 1;
      System.gc(); // finds the block still held: the use it reports before collecting includes it
      held = null;
      System.gc(); // frees it
      long afterwards = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
      // Without the collections' reports the peak would be the start's or the current use, both
      // about what is live now: the block shows only through the report of the first collection.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(peak.peakBytes()).isGreaterThanOrEqualTo(afterwards + 60L * MIB));
      assertThat(peak.peakBytes()).isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
    }
  }
}
