package io.cscmon.core.manager;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of an Alertmanager {@code time_intervals} definition: the instants whose local time in
 * {@code location} falls in one of {@code times}, on one of {@code weekdays}, {@code daysOfMonth}
 * and {@code months}. An empty list or set means "any". A named interval is a list of these and
 * contains an instant when any of them does ({@link #any}).
 *
 * @param times half-open ranges of the local time of day, {@code [start, end)}; an end of {@code
 *     24:00} is written as {@link LocalTime#MAX}
 * @param daysOfMonth ranges of day numbers; negative numbers count from the month's end ({@code -1}
 *     is the last day)
 */
public record TimeInterval(
    List<TimeRange> times,
    Set<DayOfWeek> weekdays,
    List<int[]> daysOfMonth,
    Set<Month> months,
    ZoneId location) {

  public record TimeRange(LocalTime start, LocalTime end) {
    public TimeRange {
      if (!start.isBefore(end)) {
        throw new IllegalArgumentException("start_time must be before end_time");
      }
    }

    boolean contains(LocalTime t) {
      return !t.isBefore(start) && (end.equals(LocalTime.MAX) || t.isBefore(end));
    }

    /** Parses {@code HH:MM}; {@code 24:00} is the end of the day. */
    public static TimeRange parse(String start, String end) {
      return new TimeRange(time(start), time(end));
    }

    private static LocalTime time(String text) {
      if ("24:00".equals(text)) {
        return LocalTime.MAX;
      }
      try {
        return LocalTime.parse(text);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("'" + text + "' is not a time like 08:30");
      }
    }
  }

  public TimeInterval {
    times = List.copyOf(times);
    weekdays = weekdays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(weekdays));
    daysOfMonth = List.copyOf(daysOfMonth);
    months = months.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(months));
    location = location == null ? ZoneId.of("UTC") : location;
  }

  public boolean contains(Instant instant) {
    ZonedDateTime t = instant.atZone(location);
    if (!times.isEmpty() && times.stream().noneMatch(r -> r.contains(t.toLocalTime()))) {
      return false;
    }
    if (!weekdays.isEmpty() && !weekdays.contains(t.getDayOfWeek())) {
      return false;
    }
    if (!months.isEmpty() && !months.contains(t.getMonth())) {
      return false;
    }
    if (!daysOfMonth.isEmpty()) {
      int length = t.toLocalDate().lengthOfMonth();
      int day = t.getDayOfMonth();
      boolean in = false;
      for (int[] r : daysOfMonth) {
        int from = r[0] < 0 ? length + 1 + r[0] : r[0];
        int to = r[1] < 0 ? length + 1 + r[1] : r[1];
        in |= day >= from && day <= to;
      }
      if (!in) {
        return false;
      }
    }
    return true;
  }

  public static boolean any(List<TimeInterval> intervals, Instant instant) {
    return intervals.stream().anyMatch(i -> i.contains(instant));
  }

  /** {@code monday}, {@code monday:friday}. */
  public static Set<DayOfWeek> weekdays(List<String> specs) {
    Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    for (String spec : specs) {
      String[] p = spec.split(":");
      DayOfWeek from = DayOfWeek.valueOf(p[0].trim().toUpperCase(Locale.ROOT));
      DayOfWeek to = DayOfWeek.valueOf(p[p.length - 1].trim().toUpperCase(Locale.ROOT));
      for (DayOfWeek d = from; ; d = d.plus(1)) {
        out.add(d);
        if (d == to) {
          break;
        }
      }
    }
    return out;
  }

  /** {@code january}, {@code 1:3}, {@code november:december}. */
  public static Set<Month> months(List<String> specs) {
    Set<Month> out = EnumSet.noneOf(Month.class);
    for (String spec : specs) {
      String[] p = spec.split(":");
      Month from = month(p[0]);
      Month to = month(p[p.length - 1]);
      for (Month m = from; ; m = m.plus(1)) {
        out.add(m);
        if (m == to) {
          break;
        }
      }
    }
    return out;
  }

  /** {@code 1}, {@code 1:5}, {@code -1}, {@code -3:-1}. */
  public static List<int[]> days(List<String> specs) {
    List<int[]> out = new ArrayList<>();
    for (String spec : specs) {
      String[] p = spec.split(":");
      int from = Integer.parseInt(p[0].trim());
      int to = Integer.parseInt(p[p.length - 1].trim());
      if (from == 0 || to == 0 || from < -31 || to > 31) {
        throw new IllegalArgumentException("'" + spec + "' is not a day-of-month range");
      }
      out.add(new int[] {from, to});
    }
    return out;
  }

  private static Month month(String text) {
    String t = text.trim();
    if (t.chars().allMatch(Character::isDigit)) {
      return Month.of(Integer.parseInt(t));
    }
    return Month.valueOf(t.toUpperCase(Locale.ROOT));
  }
}
