package io.cscmon.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path agrees with {@code DateTimeFormatter} wherever it answers, and only refuses. */
class Rfc3339Test {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-27T10:00:00.250+08:00",
        "2026-11-27T02:00:00Z",
        "2026-11-27T02:00:00.1Z",
        "2026-11-27T02:00:00.123456789-05:30",
        "2024-02-29T23:59:59.999+18:00",
        "1969-12-31T23:59:59.999Z",
        "0000-01-01T00:00:00.5-18:00",
        "9999-12-31T23:59:59.999999999+00:00",
        "2026-01-01T00:00:00-00:00"
      })
  void agreesWithTheFormatter(String text) {
    long expected =
        OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant()
            .toEpochMilli();
    assertThat(Rfc3339.epochMillis(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-02-29T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-04-31T00:00:00Z",
        "2026-11-27T24:00:00Z",
        "2026-11-27T10:60:00Z",
        "2026-11-27T10:00:60Z",
        "2026-11-27T10:00:00+18:01",
        "2026-11-27T10:00:00+08:60",
        "2026-11-27T10:00:00.Z",
        "2026-11-27T10:00:00",
        "2026-11-27t10:00:00z",
        "2026-11-27T10:00Z",
        "2026-11-27T10:00:00+08:00:00",
        "2026-11-27T10:00:00+0800",
        "+12026-11-27T10:00:00Z",
        "2026-1a-27T10:00:00Z",
        "2026-11-27T10:00:00.25x+08:00",
      })
  void leavesEverythingElseToTheFormatter(String text) {
    assertThat(Rfc3339.epochMillis(text)).isEqualTo(Rfc3339.NOT_SIMPLE);
  }

  /** RFC 3339 sets no limit on the fraction's digits; milliseconds are its first three. */
  @Test
  void takesAnyNumberOfFractionDigits() {
    long millis = Rfc3339.epochMillis("2026-11-27T10:00:00.123+08:00");
    assertThat(Rfc3339.epochMillis("2026-11-27T10:00:00.1234567890+08:00")).isEqualTo(millis);
    assertThat(Rfc3339.epochMillis("2026-11-27T10:00:00.123999999999999+08:00")).isEqualTo(millis);
  }
}
