package io.cscmon.core.parse;

import java.time.LocalDate;
import java.time.Year;

/**
 * The common shape of an RFC 3339 timestamp — {@code 2026-11-27T09:00:00.250+08:00}: four-digit
 * year, upper-case {@code T}, seconds, fraction digits (any number), {@code Z} or {@code ±HH:MM} —
 * read without {@code DateTimeFormatter}, which cost about a tenth of the parse thread in the
 * replay profile. Anything else, valid or not, is {@link #NOT_SIMPLE} and left to the formatter, so
 * that what is accepted and every error message stay the formatter's.
 */
final class Rfc3339 {
  private Rfc3339() {}

  /** Returned for text this fast path does not read (no real timestamp maps to it). */
  static final long NOT_SIMPLE = Long.MIN_VALUE;

  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  static long epochMillis(String s) {
    return epochMillis(s, 0, s.length());
  }

  /** As {@link #epochMillis(String)}, for the characters {@code s[from, to)} of a longer text. */
  static long epochMillis(String s, int from, int to) {
    int n = to - from;
    if (n < 20
        || s.charAt(from + 4) != '-'
        || s.charAt(from + 7) != '-'
        || s.charAt(from + 10) != 'T'
        || s.charAt(from + 13) != ':'
        || s.charAt(from + 16) != ':') {
      return NOT_SIMPLE;
    }
    int year = digits(s, from, 4);
    int month = digits(s, from + 5, 2);
    int day = digits(s, from + 8, 2);
    int hour = digits(s, from + 11, 2);
    int minute = digits(s, from + 14, 2);
    int second = digits(s, from + 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > monthLength(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return NOT_SIMPLE;
    }
    int i = from + 19;
    int millis = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      int count = i - start;
      if (count < 1) {
        return NOT_SIMPLE;
      }
      // RFC 3339 allows any number of fraction digits; the formatter stops at nine and refused a
      // valid time with ten (a black-box sweep). Only the first three count here anyway.
      // Milliseconds are the first three fraction digits; Instant.toEpochMilli drops the rest.
      for (int k = 0; k < 3; k++) {
        millis = millis * 10 + (k < count ? s.charAt(start + k) - '0' : 0);
      }
    }
    int offsetSeconds;
    if (i == to - 1 && s.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == to - 6
        && (s.charAt(i) == '+' || s.charAt(i) == '-')
        && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if (oh < 0 || om < 0 || om > 59) {
        return NOT_SIMPLE;
      }
      offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
      if (Math.abs(offsetSeconds) > MAX_OFFSET_SECONDS) {
        return NOT_SIMPLE;
      }
    } else {
      return NOT_SIMPLE;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long epochSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
    return epochSecond * 1000 + millis;
  }

  /** The number of {@code count} ASCII digits at {@code from}, or -1 if any is not a digit. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int k = from; k < from + count; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int monthLength(int year, int month) {
    return switch (month) {
      case 2 -> Year.isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }
}
