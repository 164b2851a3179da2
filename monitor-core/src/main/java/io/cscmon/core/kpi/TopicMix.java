package io.cscmon.core.kpi;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A market or credit topic's calls, or a channel's, against the rest of the center's calls, for the
 * minutes its seasonal baseline cannot judge yet: the first day of data at that time of day (a
 * replay of one recorded day, a new center, a topic new to it). A market shock multiplies the
 * wealth and fx calls while the other topics run as usual, so the topic's share of the center's
 * calls moves even though no baseline for the hour exists; the day's own ramp moves every topic
 * alike and leaves the share. Its own earlier volume could not stand in: the morning ramp alone
 * multiplies a topic's calls by up to 2.3 within the hour, above the surge rules' first level. A
 * channel's peak is the same: an unplanned wave of voice calls moves voice's share of the center's
 * calls (PeakLoad's {@code offered_vs_baseline}); a peak of every channel alike leaves every share
 * and waits for the baseline, whose first day it is.
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

  /**
   * A scope whose own calls run below this multiple of their rate over the reference is not
   * surging, whatever its share says, and its ratio is at most that rise. A wave of the other
   * calls, which the reference learns, lowers the scope's share there, so after the wave its share
   * reads high although nothing happened to it (a simulated first-day voice wave read as an app
   * channel peak of 200% for an hour after it). Its own calls alone could not judge: the morning
   * ramp raises them, and a surge after the morning's busiest hours reads low against them (a voice
   * wave at 12:30 read under 1.3 for its first nine minutes); the share tells both apart. The
   * rules' first level (PeakLoad's 130%).
   */
  static final double OWN_RISE = 1.3;

  static final int RING = NOW_MINUTES + GAP_MINUTES + REFERENCE_MINUTES;
  private static final long MINUTE = 60_000L;

  /** What TopicMix keeps of one center: its minutes' calls and its market and credit topics. */
  public static final class CenterState {
    /** The epoch minute each ring cell holds, -1 for none. */
    public long[] minutes = emptyRing();

    public long[] offered = new long[RING];

    /**
     * Sorted by dimension and scope, so that the samples of a minute come in the same order every
     * run.
     */
    public TopicState[] topics = new TopicState[0];
  }

  /** One topic's or channel's minutes, what each taught the reference, its baseline's progress. */
  public static final class TopicState {
    /** {@code topic} or {@code channel} (state written before channels were watched has none). */
    public String dimension = TOPIC;

    /** The topic's or channel's name (the field keeps its first name: savepoints hold it). */
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

  /**
   * A topic's or channel's ratio over the minute closed, and the evidence behind it in calls: what
   * the reference expected, less as the other calls it is scaled from are few (the Poisson noise of
   * both counts, {@link #evidence}).
   */
  public record Sample(String dimension, String scope, double ratio, double expected) {}

  private static final String TOPIC = "topic";
  private static final String CHANNEL = "channel";

  private final ZoneId zone;
  private final int minLearnedMinutes;

  /**
   * @param minLearnedMinutes when the topic's seasonal baseline trusts a slot (as the KPI views)
   */
  public TopicMix(ZoneId zone, int minLearnedMinutes) {
    this.zone = zone;
    this.minLearnedMinutes = minLearnedMinutes;
  }

  /**
   * The minute counts this needs: the center's, its channels' and its market and credit topics'.
   */
  public static boolean watches(String dimension, String scope) {
    return CallFact.CENTER.equals(dimension)
        || CHANNEL.equals(dimension)
        || (TOPIC.equals(dimension) && TopicRisk.of(scope) != null);
  }

  /** Records one minute's offered calls of the center or of one of its topics or channels. */
  public void add(CenterState s, String dimension, String scope, long minuteStart, long offered) {
    long minute = Math.floorDiv(minuteStart, MINUTE);
    int cell = cell(minute);
    if (CallFact.CENTER.equals(dimension)) {
      put(s.minutes, s.offered, cell, minute, offered);
      return;
    }
    TopicState t = topic(s, dimension, scope);
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
          double share = now[0] / expected;
          double own = now[0] / (NOW_MINUTES * ref.perMinute());
          double ratio = own >= OWN_RISE ? share : Math.min(share, own);
          out.add(new Sample(t.dimension, t.topic, ratio, evidence(expected, now[1])));
        }
      }
      long offered = t.offered[cell];
      long others = othersAt(s, t, minute);
      t.taught[cell] = ref == null ? offered : Math.min(offered, teachAtMost(others * ref.share()));
      t.baseline.learn(SeasonalBaseline.slot(minuteStart, zone), offered);
    }
    return out;
  }

  /**
   * The calls' worth of evidence in a ratio expecting {@code expected} of the scope's calls from
   * {@code others} other calls: both counts are Poisson, so the ratio is as noisy as one count of
   * {@code 1 / (1/expected + 1/others)}. A topic is a small part of the center and this is its
   * expected calls; voice is most of it, and its ratio is no surer than the few chat and app calls
   * it is read against.
   */
  static double evidence(double expected, long others) {
    return 1 / (1 / expected + 1.0 / others);
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

  /**
   * The topic's share of the other calls over the reference, when there is evidence for one, and
   * its own calls a minute there (from its first minute with calls in the reference on, so that a
   * desk that opens at 09:00 is not diluted by the hours before).
   */
  private record Reference(double share, double perMinute) {}

  private static Reference reference(CenterState s, TopicState t, long minute) {
    long last = minute - GAP_MINUTES;
    double topic = 0;
    long others = 0;
    long first = Long.MAX_VALUE;
    for (long m = last - REFERENCE_MINUTES + 1; m <= last; m++) {
      int cell = cell(m);
      // Only minutes with calls about the topic: a topic that starts at 09:00 (a desk that opens)
      // would otherwise have its share diluted by the quiet hours before and read as a surge.
      if (t.minutes[cell] == m) {
        topic += t.taught[cell];
        others += othersAt(s, t, m);
        first = Math.min(first, m);
      }
    }
    return topic < MIN_REFERENCE_CALLS || others <= 0
        ? null
        : new Reference(topic / others, topic / (last - first + 1));
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

  /** The topic's or channel's state, added in order when new (a center has a handful of each). */
  private static TopicState topic(CenterState s, String dimension, String name) {
    int at = 0;
    while (at < s.topics.length && compare(s.topics[at], dimension, name) < 0) {
      at++;
    }
    if (at < s.topics.length && compare(s.topics[at], dimension, name) == 0) {
      return s.topics[at];
    }
    TopicState t = new TopicState();
    t.dimension = dimension;
    t.topic = name;
    TopicState[] grown = new TopicState[s.topics.length + 1];
    System.arraycopy(s.topics, 0, grown, 0, at);
    grown[at] = t;
    System.arraycopy(s.topics, at, grown, at + 1, s.topics.length - at);
    s.topics = grown;
    return t;
  }

  private static int compare(TopicState t, String dimension, String name) {
    int byDimension = t.dimension.compareTo(dimension);
    return byDimension != 0 ? byDimension : t.topic.compareTo(name);
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
