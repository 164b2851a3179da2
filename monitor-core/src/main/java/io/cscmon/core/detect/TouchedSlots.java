package io.cscmon.core.detect;

import java.util.function.IntConsumer;

/**
 * The slots of a sketch's array set from zero since the last clear, while they are few. The
 * detectors clear their sketches every window, and zeroing the few hundred slots a window touched
 * is far cheaper than zeroing a megabyte. Held in a transient field: after Flink restored or copied
 * the sketch it is null, and the sketch's next clear zeroes everything, as it does once more slots
 * were touched than this lists (a 64th of the array).
 */
final class TouchedSlots {
  private final int[] slots;
  private int count;
  private boolean overflowed;

  /** A list for an array of {@code length} slots. */
  TouchedSlots(int length) {
    slots = new int[Math.max(16, length / 64)];
  }

  /** Notes that {@code slot} went from zero to something. */
  void note(int slot) {
    if (overflowed) {
      return;
    }
    if (count < slots.length) {
      slots[count++] = slot;
    } else {
      overflowed = true; // too many to list: the next clear zeroes every slot
    }
  }

  /**
   * Hands each noted slot to {@code zero} and forgets them; false (nothing done) once too many were
   * noted: then the caller zeroes the whole array and calls {@link #reset}.
   */
  boolean zeroNoted(IntConsumer zero) {
    if (overflowed) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      zero.accept(slots[i]);
    }
    count = 0;
    return true;
  }

  /** Forgets every note, after the caller zeroed the whole array. */
  void reset() {
    count = 0;
    overflowed = false;
  }
}
