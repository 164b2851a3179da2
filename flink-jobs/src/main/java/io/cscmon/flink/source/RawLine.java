package io.cscmon.flink.source;

/**
 * One line of input before parsing, with where it came from so that a rejection can name it.
 *
 * @param origin the file, {@code http} or {@code simulator}
 * @param line 1-based line number within the origin (0 where lines are not numbered)
 * @param text the line itself
 * @param counted whether the line was already validated and counted where it entered (the HTTP
 *     ingest answers with per-line results), so the job must not count it again
 */
public record RawLine(String origin, long line, String text, boolean counted) {

  public static RawLine uncounted(String origin, long line, String text) {
    return new RawLine(origin, line, text, false);
  }
}
