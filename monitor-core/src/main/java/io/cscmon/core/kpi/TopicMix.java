package io.cscmon.core.kpi;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A market or credit topic's calls against the rest of the center's calls, for the minutes its
 * seasonal baseline cannot judge yet: the first day of data at that time of day (a replay of one
 * recorded day, a new center, a topic new to it). A market shock multiplies the wealth and fx calls
 * while the other topics run as usual, so the topic's share of the center's calls moves even though
 * no baseline for the hour exists; the day's own ramp moves every topic alike and leaves the share.
 * Its own earlier volume could not stand in: the morning ramp alone multiplies a topic's calls by
 * up to 2.3 within the hour, above the surge rules' first level.
 *
 * <p>The ratio is the topic's calls over the last {@link #NOW_MINUTES} minutes ÷ what the other
 * topics' calls over the same minutes imply at the topic's share of the reference: the {@link
 * #REFERENCE_MINUTES} minutes ending {@link #GAP_MINUTES} before (so the first quarter hour of a
 * surge is never its own reference). A surging minute teaches the reference at most {@link
 * #teachAtMost} its expected calls, so a shock that lasts hours stays visible. It is the same KPI
 * as the baseline's ({@code market_topic_vs_baseline}, {@code credit_topic_vs_baseline}) and comes
 * exactly for the minutes the baseline's does not (see {@link #baselineJudges}), so the rules read
 * one series.
 */
public final class TopicMix {

  public static final int NOW_MINUTES = 5;
  public static final int GAP_MINUTES = 15;
  public static final int REFERENCE_MINUTES = 120;

  /** A share measured from fewer of the topic's calls is mostly Poisson noise. */
  public static final double MIN_REFERENCE_CALLS = 50;

  static final int RING = NOW_MINUTES + GAP_MINUTES + REFERENCE_MINUTES;
  private static final long MINUTE = 60_000L;

  /** What TopicMix keeps of one center: its minutes' calls and its market and credit topics. */
  public static final class CenterState {
    /** The epoch minute each ring cell holds, -1 for none. */
    public long[] minutes = emptyRing();

    public long[] offered = new long[RING];

    /** Sorted by topic, so that the samples of a minute come in the same order every run. */
    public TopicState[] topics = new TopicState[0];
  }

  /** One topic's minutes, what each taught the reference, and its baseline's progress. */
  public static final class TopicState {
    public String topic;
    public long[] minutes = emptyRing();
    public long[] offered = new long[RING];
    public double[] taught = new double[RING];

    /**
     * Learns exactly as the topic's seasonal baseline does, to know when that one judges (the same
     * minutes, in the same order).
     */
    public SeasonalBaseline baseline = new SeasonalBaseline();
  }

  /** A topic's ratio over the minute closed, and the calls the reference expected. */
  public record Sample(String topic, double ratio, double expected) {}

  private final ZoneId zone;
  private final int minLearnedMinutes;

  /**
   * @param minLearnedMinutes when the topic's seasonal baseline trusts a slot (as the KPI views)
   */
  public TopicMix(ZoneId zone, int minLearnedMinutes) {
    this.zone = zone;
    this.minLearnedMinutes = minLearnedMinutes;
  }

  /** The minute counts this needs: the center's, and those of market and credit topics. */
  public static boolean watches(String dimension, String scope) {
    return CallFact.CENTER.equals(dimension)
        || ("topic".equals(dimension) && TopicRisk.of(scope) != null);
  }

  /** Records one minute's offered calls of the center or of one of its topics. */
  public void add(CenterState s, String dimension, String scope, long minuteStart, long offered) {
    long minute = Math.floorDiv(minuteStart, MINUTE);
    int cell = cell(minute);
    if (CallFact.CENTER.equals(dimension)) {
      put(s.minutes, s.offered, cell, minute, offered);
      return;
    }
    TopicState t = topic(s, scope);
    if (t.minutes[cell] != minute) {
      t.taught[cell] = 0;
    }
    put(t.minutes, t.offered, cell, minute, offered);
  }

  /**
   * Closes the minute starting at {@code minuteStart} (all its counts are in): a sample for each
   * topic that had calls in it and whose baseline cannot judge it yet; then the minute teaches the
   * reference and the mirrored baseline.
   */
  public List<Sample> close(CenterState s, long minuteStart) {
    long minute = Math.floorDiv(minuteStart, MINUTE);
    int cell = cell(minute);
    List<Sample> out = new ArrayList<>();
    for (TopicState t : s.topics) {
      if (t.minutes[cell] != minute) {
        continue; // no counts of the topic this minute: the baseline's views see none either
      }
      Reference ref = reference(s, t, minute);
      if (ref != null && !baselineJudges(t.baseline, minuteStart)) {
        long[] now = window(s, t, minute - NOW_MINUTES + 1, minute);
        if (now[1] > 0) {
          double expected = now[1] * ref.share();
          out.add(new Sample(t.topic, now[0] / expected, expected));
        }
      }
      long offered = t.offered[cell];
      long others = othersAt(s, t, minute);
      t.taught[cell] = ref == null ? offered : Math.min(offered, teachAtMost(others * ref.share()));
      t.baseline.learn(SeasonalBaseline.slot(minuteStart, zone), offered);
    }
    return out;
  }

  /** The most calls a minute expecting {@code expected} teaches the reference. */
  static double teachAtMost(double expected) {
    return Math.max(2 * expected, expected + 3);
  }

  /**
   * Whether the seasonal baseline has a ratio for the minute (all of the ratio's five minutes in
   * trusted slots, expecting calls): the KPI views' own test, before the minute is learned.
   */
  boolean baselineJudges(SeasonalBaseline baseline, long minuteStart) {
    long end = minuteStart + MINUTE;
    double expected = 0;
    for (long t = end - NOW_MINUTES * MINUTE; t < end; t += MINUTE) {
      int minuteOfDay = SeasonalBaseline.minuteOfDay(t, zone);
      if (!baseline.knows(minuteOfDay / SeasonalBaseline.SLOT_MINUTES, minLearnedMinutes)) {
        return false;
      }
      expected += baseline.expectedMinute(minuteOfDay, minLearnedMinutes);
    }
    return expected > 0;
  }

  /** The topic's share of the other calls over the reference, when there is evidence for one. */
  private record Reference(double share) {}

  private static Reference reference(CenterState s, TopicState t, long minute) {
    long last = minute - GAP_MINUTES;
    double topic = 0;
    long others = 0;
    for (long m = last - REFERENCE_MINUTES + 1; m <= last; m++) {
      int cell = cell(m);
      // Only minutes with calls about the topic: a topic that starts at 09:00 (a desk that opens)
      // would otherwise have its share diluted by the quiet hours before and read as a surge.
      if (t.minutes[cell] == m) {
        topic += t.taught[cell];
        others += othersAt(s, t, m);
      }
    }
    return topic < MIN_REFERENCE_CALLS || others <= 0 ? null : new Reference(topic / others);
  }

  /** The topic's calls and the others' over minutes {@code from..to}. */
  private static long[] window(CenterState s, TopicState t, long from, long to) {
    long topic = 0;
    long others = 0;
    for (long m = from; m <= to; m++) {
      int cell = cell(m);
      if (t.minutes[cell] == m) {
        topic += t.offered[cell];
      }
      others += othersAt(s, t, m);
    }
    return new long[] {topic, others};
  }

  /** The center's calls in minute {@code m} that were not about the topic. */
  private static long othersAt(CenterState s, TopicState t, long m) {
    int cell = cell(m);
    if (s.minutes[cell] != m) {
      return 0;
    }
    long topic = t.minutes[cell] == m ? t.offered[cell] : 0;
    return Math.max(0, s.offered[cell] - topic);
  }

  /** The topic's state, added in name order when new (a center has a handful of such topics). */
  private static TopicState topic(CenterState s, String name) {
    int at = 0;
    while (at < s.topics.length && s.topics[at].topic.compareTo(name) < 0) {
      at++;
    }
    if (at < s.topics.length && s.topics[at].topic.equals(name)) {
      return s.topics[at];
    }
    TopicState t = new TopicState();
    t.topic = name;
    TopicState[] grown = new TopicState[s.topics.length + 1];
    System.arraycopy(s.topics, 0, grown, 0, at);
    grown[at] = t;
    System.arraycopy(s.topics, at, grown, at + 1, s.topics.length - at);
    s.topics = grown;
    return t;
  }

  private static void put(long[] minutes, long[] values, int cell, long minute, long value) {
    if (minutes[cell] != minute) {
      minutes[cell] = minute;
      values[cell] = 0;
    }
    values[cell] += value;
  }

  private static int cell(long minute) {
    return (int) Math.floorMod(minute, (long) RING);
  }

  private static long[] emptyRing() {
    long[] r = new long[RING];
    Arrays.fill(r, -1);
    return r;
  }
}
