package io.cscmon.core.detect;

/**
 * The event-time minutes of the attack detectors that judge whole minutes ({@link TdosDetector}'s
 * spoofed flood, {@link DdosDetector}'s volumetric flood; {@link CredentialStuffingDetector}'s
 * failure ratio does the same in its windows). Events may arrive out of order by up to CONTRACT
 * §1's 30 s, so each event counts into its own minute, and a minute is judged only once the key's
 * data for it is complete: at the detector's timer at the minute's end, which an operator runs when
 * the watermark passes it, or ahead of the watermark for a newer event at least {@link
 * #LATENESS_MS} after it ({@link Detector#lateness}). Judged as soon as the first event of a later
 * minute came, a minute lost its late events to the next one (a file shuffled by less than 25 s
 * moved a TDoS start by a minute). Until a minute is judged, events up to 30 s into the next one
 * arrive, so a detector keeps two: the open minute and the next.
 */
final class EventTimeMinutes {
  private EventTimeMinutes() {}

  static final long MINUTE = 60_000L;

  /**
   * How long a minute waits after its end for its late events (CONTRACT §1). At most a minute: an
   * event is then never more than one minute past the open one.
   */
  static final long LATENESS_MS = 30_000L;

  /** The start of the minute {@code ts} falls in. */
  static long start(long ts) {
    return Math.floorDiv(ts, MINUTE) * MINUTE;
  }

  /**
   * The first open minute of a key whose first event is at {@code ts}: the one that events up to
   * the lateness older than it still fall in.
   */
  static long firstOpen(long ts) {
    return start(ts - LATENESS_MS);
  }
}
