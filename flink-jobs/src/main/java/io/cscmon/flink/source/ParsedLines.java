package io.cscmon.flink.source;

import io.cscmon.core.parse.ParseResult;

/**
 * Hands the parse the source did to stamp a line ({@link LineTimestamps}) to the parse step chained
 * after it, in the same task thread, so that each line is parsed once. Only the last line is kept,
 * and only a line with the same origin, number and text takes it; anything else (the parse step on
 * another thread, after a union of sources) parses again, with the same result.
 */
public final class ParsedLines {
  private ParsedLines() {}

  private static final class Slot {
    RawLine line;
    ParseResult result;
  }

  private static final ThreadLocal<Slot> LAST = ThreadLocal.withInitial(Slot::new);

  static void put(RawLine line, ParseResult result) {
    Slot slot = LAST.get();
    slot.line = line;
    slot.result = result;
  }

  /** The result parsed at the source for {@code line}, or null where it must be parsed again. */
  public static ParseResult take(RawLine line) {
    Slot slot = LAST.get();
    RawLine last = slot.line;
    ParseResult result = slot.result;
    slot.line = null;
    slot.result = null;
    boolean same =
        last != null
            && last.line() == line.line()
            && last.origin().equals(line.origin())
            && last.text().equals(line.text());
    return same ? result : null;
  }
}
