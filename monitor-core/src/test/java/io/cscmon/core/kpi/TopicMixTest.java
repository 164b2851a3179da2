package io.cscmon.core.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Topic surges and channel peaks on a center's first day, judged by the scope's share of the
 * center's calls.
 */
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

  /**
   * Feeds a center of two channels, voice 86 % of {@code load} times {@code voiceFactor} and app
   * the rest; each channel's samples by minute.
   */
  private Map<String, Map<Integer, TopicMix.Sample>> feedChannels(
      int from, int minutes, IntToDoubleFunction load, IntToDoubleFunction voiceFactor) {
    Map<String, Map<Integer, TopicMix.Sample>> samples = new LinkedHashMap<>();
    samples.put("voice", new LinkedHashMap<>());
    samples.put("app", new LinkedHashMap<>());
    for (int m = from; m < from + minutes; m++) {
      long start = MIDNIGHT + m * MINUTE;
      long voice = Math.round(load.applyAsDouble(m) * 0.86 * voiceFactor.applyAsDouble(m));
      long app = Math.round(load.applyAsDouble(m) * 0.14);
      mix.add(center, "channel", "voice", start, voice);
      mix.add(center, "channel", "app", start, app);
      mix.add(center, "center", "all", start, voice + app);
      for (TopicMix.Sample s : mix.close(center, start)) {
        assertThat(s.dimension()).isEqualTo("channel");
        samples.get(s.scope()).put(m, s);
      }
    }
    return samples;
  }

  @Test
  void aVoiceWaveOnTheFirstDayReadsAsAPeakOfVoiceAgainstTheOtherChannels() {
    int wave = 10 * 60;
    Map<String, Map<Integer, TopicMix.Sample>> samples =
        feedChannels(6 * 60, 5 * 60, m -> 300, m -> m >= wave && m < wave + 60 ? 2.5 : 1);

    assertThat(samples.get("voice").get(wave - 1).ratio()).isBetween(0.9, 1.1);
    assertThat(samples.get("voice").get(wave + 4).ratio()).isGreaterThan(2.3);
    // Voice is read against 42 app calls a minute, not its own 258: its evidence is theirs at most.
    assertThat(samples.get("voice").get(wave + 4).expected()).isLessThan(5 * 42);
    assertThat(samples.get("app").get(wave + 4).ratio()).isLessThan(1.1);
  }

  @Test
  void afterAVoiceWaveTheOtherChannelsDoNotReadAsAPeak() {
    // The reference has learned the wave: app's share of the rest is down by half for two hours
    // after it, and only app's own calls, as usual, tell that nothing happened to it.
    int wave = 10 * 60;
    Map<String, Map<Integer, TopicMix.Sample>> samples =
        feedChannels(6 * 60, 6 * 60, m -> 300, m -> m >= wave && m < wave + 60 ? 2.5 : 1);

    assertThat(samples.get("app").values()).allMatch(s -> s.ratio() < 1.1);
  }

  @Test
  void theMorningRampMovesEveryChannelAlike() {
    Map<String, Map<Integer, TopicMix.Sample>> samples =
        feedChannels(4 * 60, 6 * 60, m -> 40 + Math.max(0, Math.min(360, (m - 360) * 1.5)), m -> 1);

    assertThat(samples.get("voice")).isNotEmpty();
    // Within the rounding of six app calls a minute at the ramp's foot.
    assertThat(samples.get("voice").values()).allMatch(s -> s.ratio() > 0.85 && s.ratio() < 1.15);
    assertThat(samples.get("app").values()).allMatch(s -> s.ratio() > 0.8 && s.ratio() < 1.2);
  }

  @Test
  void aMinuteTeachesAtMostTwiceItsExpectedCallsOrThreeMore() {
    assertThat(TopicMix.teachAtMost(10)).isEqualTo(20);
    assertThat(TopicMix.teachAtMost(1)).isEqualTo(4);
  }
}
