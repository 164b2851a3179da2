package io.cscmon.core.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeasonalBaselineTest {

  /** No daylight saving, one (2026) and two changes a year, a half-hour offset, a historic one. */
  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("Asia/Shanghai"),
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("America/New_York"),
          ZoneId.of("Asia/Kolkata"),
          ZoneId.of("Australia/Lord_Howe"),
          ZoneId.of("UTC"));

  /** Instants every 7 min 13.5 s through days around the 2026 changes, and before 1970. */
  private static final List<long[]> SPANS =
      List.of(
          span("2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z"),
          span("2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z"),
          span("2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z"),
          span("2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z"),
          span("1969-12-30T00:00:00Z", "1970-01-02T00:00:00Z"));

  private static long[] span(String from, String to) {
    return new long[] {Instant.parse(from).toEpochMilli(), Instant.parse(to).toEpochMilli()};
  }

  @Test
  void minuteOfDayAndEpochDayAreThoseOfTheLocalDateTime() {
    int checked = 0;
    for (ZoneId zone : ZONES) {
      for (long[] span : SPANS) {
        for (long t = span[0]; t < span[1]; t += 433_500L) {
          ZonedDateTime local = Instant.ofEpochMilli(t).atZone(zone);
          assertThat(SeasonalBaseline.minuteOfDay(t, zone))
              .as("%s in %s", local, zone)
              .isEqualTo(local.getHour() * 60 + local.getMinute());
          assertThat(SeasonalBaseline.epochDay(t, zone))
              .as("%s in %s", local, zone)
              .isEqualTo(local.toLocalDate().toEpochDay());
          assertThat(SeasonalBaseline.slot(t, zone))
              .isEqualTo((local.getHour() * 60 + local.getMinute()) / 15);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(10_000);
  }

  @Test
  void expectedMinuteInterpolatesBetweenTheCentresOfKnownSlots() {
    SeasonalBaseline baseline = new SeasonalBaseline();
    for (int i = 0; i < 15; i++) {
      baseline.learn(40, 10);
      baseline.learn(41, 20);
    }
    // Slot 40 is 10:00-10:15; its centre (minute 607.5) is exactly its value, the next slot's
    // centre (622.5) the next value, and halfway between them the mean.
    assertThat(baseline.expectedMinute(607, 15)).isEqualTo(10.0);
    assertThat(baseline.expectedMinute(622, 15)).isEqualTo(20.0);
    assertThat(baseline.expectedMinute(614, 15)).isCloseTo(14.6667, offset(1e-3));
    // Slot 39 is unknown: the minutes before 40's centre count it as slot 40's value.
    assertThat(baseline.expectedMinute(600, 15)).isEqualTo(10.0);
  }

  /** Learns {@code minutes} Poisson minutes of mean {@code mean} in slot 0. */
  private static SeasonalBaseline learnPoisson(
      SeasonalBaseline b, double mean, int minutes, java.util.Random rng) {
    for (int m = 0; m < minutes; m++) {
      // Knuth's method: fine for the small means here.
      double limit = Math.exp(-mean);
      int k = 0;
      for (double p = rng.nextDouble(); p > limit; p *= rng.nextDouble()) {
        k++;
      }
      b.learn(0, k);
    }
    return b;
  }

  @Test
  void anUnluckyFirstMinuteDoesNotHoldTheSlotLowForDays() {
    // 5 calls in the slot's first minute where 16 a minute is usual, then two days of usual
    // minutes.
    SeasonalBaseline b = new SeasonalBaseline();
    b.learn(0, 5);
    learnPoisson(b, 16, 2 * 15, new java.util.Random(7));
    assertThat(b.expected(0)).isCloseTo(16, offset(2.0));
  }

  @Test
  void smallCountsAreNotBiasedLowByTheClipBand() {
    // Two calls a minute: a relative band of [1, 2.6] clipped every minute of 3 or more calls.
    SeasonalBaseline b = learnPoisson(new SeasonalBaseline(), 2, 15 * 20, new java.util.Random(3));
    assertThat(b.expected(0)).isCloseTo(2, offset(0.25));
  }

  @Test
  void aSurgeOnALargeScopeIsStillClippedToTheRelativeBand() {
    // 300 a minute: Poisson noise is 52 (3 √300) and 1.3 x 300 = 390 is the wider side: a minute of
    // 1,000 calls is learned as 390, so a surge barely moves the baseline.
    SeasonalBaseline b = new SeasonalBaseline();
    for (int m = 0; m < 40; m++) {
      b.learn(0, 300);
    }
    b.learn(0, 1000);
    assertThat(b.expected(0)).isCloseTo(300 + SeasonalBaseline.ALPHA * 90, offset(1e-9));
  }

  @Test
  void aSurgingScopesMinutesAreClippedToTheRelativeBandOnly() {
    // Four calls a minute, then a x2 shock while the slot still averages: the noise band (3 √4 = 6
    // either side) would let 8 through; surging, it is learned as 1.3 x 4.
    SeasonalBaseline quiet = new SeasonalBaseline();
    SeasonalBaseline shocked = new SeasonalBaseline();
    for (int m = 0; m < 15; m++) {
      quiet.learn(0, 4);
      shocked.learn(0, 4);
    }
    quiet.learn(0, 8);
    shocked.learn(0, 8, true);
    assertThat(quiet.expected(0)).isCloseTo(4 + 4.0 / 16, offset(1e-9));
    assertThat(shocked.expected(0)).isCloseTo(4 + 1.2 / 16, offset(1e-9));
  }
}
