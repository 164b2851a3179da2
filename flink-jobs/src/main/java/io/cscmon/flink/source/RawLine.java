package io.cscmon.flink.source;

import io.cscmon.core.parse.Rejection;

/**
 * One line of input before parsing, with where it came from so that a rejection can name it.
 *
 * @param origin the file, {@code http} or {@code simulator}
 * @param line 1-based line number within the origin (0 where lines are not numbered)
 * @param text the line itself
 * @param counted whether the line was already validated and counted where it entered (the HTTP
 *     ingest answers with per-line results), so the job must not count it again
 * @param unreadable the source's verdict on a line it could not read as text (not UTF-8, too long
 *     to hold), which the parser then passes on instead of parsing; null for readable lines
 */
public record RawLine(
    String origin, long line, String text, boolean counted, Rejection unreadable) {

  public RawLine(String origin, long line, String text, boolean counted) {
    this(origin, line, text, counted, null);
  }

  public static RawLine uncounted(String origin, long line, String text) {
    return new RawLine(origin, line, text, false);
  }

  /** A line the source could not read; {@code text} is what can be shown of it. */
  public static RawLine unreadable(String origin, String text, Rejection why) {
    return new RawLine(origin, why.line(), text, false, why);
  }
}
