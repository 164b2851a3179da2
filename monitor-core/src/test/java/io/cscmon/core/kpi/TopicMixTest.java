package io.cscmon.core.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Topic surges on a center's first day, judged by the topic's share of the center's calls. */
class TopicMixTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final long MINUTE = 60_000L;

  /** 2026-11-23 00:00 in Shanghai. */
  private static final long MIDNIGHT = 1_795_363_200_000L;

  private final TopicMix mix = new TopicMix(ZONE, 15);
  private final TopicMix.CenterState center = new TopicMix.CenterState();

  /**
   * Feeds {@code minutes} minutes from {@code from}: the center's calls per minute as {@code load}
   * gives them, of which wealth has {@code wealthShare} times {@code wealthFactor}; the samples by
   * minute.
   */
  private Map<Integer, Double> feed(
      int from, int minutes, IntToDoubleFunction load, IntToDoubleFunction wealthFactor) {
    Map<Integer, Double> ratios = new LinkedHashMap<>();
    for (int m = from; m < from + minutes; m++) {
      long start = MIDNIGHT + m * MINUTE;
      long others = Math.round(load.applyAsDouble(m));
      long wealth = Math.round(others * 0.05 * wealthFactor.applyAsDouble(m));
      // Topic first, center after: the order the window subtasks happen to send them in. A minute
      // without calls about the topic has no counts of it at all, as from the job's windows.
      if (wealth > 0) {
        mix.add(center, "topic", "wealth", start, wealth);
      }
      mix.add(center, "center", "all", start, others + wealth);
      for (TopicMix.Sample s : mix.close(center, start)) {
        ratios.put(m, s.ratio());
      }
    }
    return ratios;
  }

  @Test
  void theMorningRampMovesEveryTopicAlikeAndRaisesNothing() {
    // From 40 to 400 calls a minute between 06:00 and 10:00: a topic's own volume triples within
    // the hour, its share does not move.
    Map<Integer, Double> ratios =
        feed(4 * 60, 6 * 60, m -> 40 + Math.max(0, Math.min(360, (m - 360) * 1.5)), m -> 1);

    assertThat(ratios).isNotEmpty();
    // Within the rounding of two to twenty wealth calls a minute.
    assertThat(ratios.values()).allMatch(r -> r > 0.8 && r < 1.2);
  }

  @Test
  void aMarketShockShowsWithinMinutesAndStaysVisibleWhileItLasts() {
    int shock = 10 * 60;
    Map<Integer, Double> ratios =
        feed(7 * 60, 6 * 60, m -> 300, m -> m >= shock && m < shock + 90 ? 4 : 1);

    assertThat(ratios.get(shock + 1)).isGreaterThan(1.5);
    assertThat(ratios.get(shock + 4)).isGreaterThan(3.5);
    List<Double> during = new ArrayList<>();
    for (int m = shock + 4; m < shock + 90; m++) {
      during.add(ratios.get(m));
    }
    // A surging minute teaches at most twice its expected calls: after an hour and a half, the
    // reference has moved, but the shock still reads above the rules' first level (200%).
    assertThat(during).allMatch(r -> r > 2.0);
    assertThat(ratios.get(shock + 90 + 30)).isLessThan(1.3);
  }

  @Test
  void aTopicThatStartsAtNineReadsItsShareFromItsOwnMinutesNotTheQuietHoursBefore() {
    Map<Integer, Double> ratios =
        feed(7 * 60, 4 * 60, m -> 300, m -> m >= 9 * 60 ? 1 : 0); // none before 09:00

    assertThat(ratios).isNotEmpty();
    assertThat(ratios.values()).allMatch(r -> r > 0.9 && r < 1.1);
  }

  @Test
  void thinEvidenceGivesNoSample() {
    // 0.5 wealth calls a minute: two hours hold fewer than 50 of them.
    assertThat(feed(0, 4 * 60, m -> 8, m -> 1)).isEmpty();
  }

  @Test
  void onceTheBaselineJudgesTheTopicTheMixIsSilent() {
    Map<Integer, Double> dayOne = feed(0, 24 * 60, m -> 300, m -> 1);
    Map<Integer, Double> dayTwo = feed(24 * 60, 24 * 60, m -> 300, m -> 1);

    assertThat(dayOne).hasSizeGreaterThan(20 * 60);
    // The baseline trusts a slot after a full one of a day: from the day's second quarter hour on
    // (its first ratio needs the previous day's last slot, learned too).
    assertThat(dayTwo).isEmpty();
  }

  @Test
  void aMinuteTeachesAtMostTwiceItsExpectedCallsOrThreeMore() {
    assertThat(TopicMix.teachAtMost(10)).isEqualTo(20);
    assertThat(TopicMix.teachAtMost(1)).isEqualTo(4);
  }
}
