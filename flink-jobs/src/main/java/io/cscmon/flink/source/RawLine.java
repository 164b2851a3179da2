package io.cscmon.flink.source;

import io.cscmon.core.parse.ParseResult;
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
 * @param parsed the line already parsed where it was read (the file reader parses on its fetcher
 *     thread, so that the task thread is left the rest of the work), or null where it was not: a
 *     cache of {@code EventParser.parse(text, line)}, which is what it must equal. Not sent over
 *     the wire ({@code RawLineSerializer}): a line that crosses an edge is parsed again there.
 */
public record RawLine(
    String origin,
    long line,
    String text,
    boolean counted,
    Rejection unreadable,
    ParseResult parsed) {

  public RawLine(String origin, long line, String text, boolean counted) {
    this(origin, line, text, counted, null, null);
  }

  public RawLine(String origin, long line, String text, boolean counted, Rejection unreadable) {
    this(origin, line, text, counted, unreadable, null);
  }

  /** A readable line with the parser's result for it ({@code EventParser.parse(text, line)}). */
  public static RawLine parsed(String origin, long line, String text, ParseResult result) {
    return new RawLine(origin, line, text, false, null, result);
  }

  public static RawLine uncounted(String origin, long line, String text) {
    return new RawLine(origin, line, text, false);
  }

  /** A line the source could not read; {@code text} is what can be shown of it. */
  public static RawLine unreadable(String origin, String text, Rejection why) {
    return new RawLine(origin, why.line(), text, false, why);
  }
}
