package io.cscmon.core.kpi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A market or credit topic's calls against its seasonal baseline, beyond what the rest of the
 * center's calls explain (PLAN 四、风险管理: a market or credit event is calls about <em>its</em> topics,
 * not a peak of all of them). When every topic's calls triple — an outage elsewhere, a holiday's
 * backlog, the simulator's volume surge — the wealth and credit-card calls triple too, and against
 * their own baselines alone they paged MarketTopicSurge and CreditTopicSurge at level III beside
 * the PeakLoad that was the whole story. Here the topic's expected calls are scaled by the general
 * surge: how far the center's ordinary topics (neither market nor credit, {@link TopicRisk}) run
 * above theirs over the same minutes. A market shock leaves those topics as usual and is judged as
 * before; a shock during a general peak is judged against the peak.
 *
 * <p>The surge factor stays under both the ordinary topics' median ratio and a lower confidence
 * bound two Poisson standard deviations under their pooled calls, and never goes under 1: one
 * ordinary topic riding along with the event, or Poisson noise on a few hundred calls, must not
 * shave a real shock's ratio, and a quiet hour must not raise it.
 */
public final class GeneralSurge {
  private GeneralSurge() {}

  /**
   * The ordinary topics' expected calls over the ratio's span below which they say nothing of a
   * surge (at 45,000 contacts a day they expect a few hundred in five minutes of a business hour).
   */
  public static final double MIN_REFERENCE_EXPECTED = 50;

  /** How many Poisson standard deviations the factor's bound stays under the ordinary calls. */
  static final double Z = 2;

  /**
   * One topic of a center over the ratio's span ending with a minute: its calls and what its
   * seasonal baseline (scaled by today's level) expected over the same minutes.
   */
  public record TopicVolume(
      String center, String topic, long start, long end, long offered, double expected) {}

  /** A market or credit topic's ratio and the calls expected once the general surge is in. */
  public record Sample(String topic, double ratio, double expected) {}

  /**
   * The factor by which the ordinary topics of one minute's volumes run above their expected: the
   * lesser of their median ratio (weighted by expected calls) and the bound under their pooled
   * ratio, never under 1. The median keeps one ordinary topic that rides along with the event (a
   * credit event's complaints, five times the usual, were a fifth of the ordinary calls and shaved
   * the credit-card calls' level II to III) from passing as a general surge.
   */
  public static double factor(List<TopicVolume> minute) {
    List<TopicVolume> ordinary = new ArrayList<>();
    long offered = 0;
    double expected = 0;
    for (TopicVolume v : minute) {
      if (TopicRisk.of(v.topic()) == null && v.expected() > 0) {
        ordinary.add(v);
        offered += v.offered();
        expected += v.expected();
      }
    }
    if (expected < MIN_REFERENCE_EXPECTED) {
      return 1;
    }
    double pooledLower = (offered - Z * Math.sqrt(offered)) / expected;
    return Math.max(1, Math.min(pooledLower, weightedMedianRatio(ordinary, expected)));
  }

  private static double weightedMedianRatio(List<TopicVolume> ordinary, double expected) {
    ordinary.sort(
        Comparator.comparingDouble((TopicVolume v) -> v.offered() / v.expected())
            .thenComparing(TopicVolume::topic));
    double seen = 0;
    for (TopicVolume v : ordinary) {
      seen += v.expected();
      if (seen >= expected / 2) {
        return v.offered() / v.expected();
      }
    }
    return 1; // not reached: the weights sum to expected
  }

  /**
   * The market and credit topics of one center and minute, each against its expected calls times
   * the general surge, in topic order (the same samples in the same order every run).
   */
  public static List<Sample> judge(List<TopicVolume> minute) {
    double surge = factor(minute);
    List<Sample> out = new ArrayList<>();
    for (TopicVolume v : minute) {
      if (TopicRisk.of(v.topic()) != null && v.expected() > 0) {
        double expected = v.expected() * surge;
        out.add(new Sample(v.topic(), v.offered() / expected, expected));
      }
    }
    out.sort(Comparator.comparing(Sample::topic));
    return out;
  }
}
