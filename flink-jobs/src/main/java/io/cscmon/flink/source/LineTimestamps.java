package io.cscmon.flink.source;

import io.cscmon.core.parse.EventClock;
import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.ParseResult;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Stamps each raw line with its event time at the source, so that Flink tracks event time per
 * split. The line's parse is taken from the line where its reader parsed it ({@link
 * RawLine#parsed()}: the file reader, on the source's fetcher thread), where the parse step finds
 * it too, or done here, as the parse step would, and handed to it through {@link ParsedLines}. Only
 * an accepted event's time is stamped, so a rejected line — whatever its {@code ts} — moves no
 * clock, as before event time moved to the source. Lines the source could not read and rejected
 * lines get {@link EventClock#NONE}.
 */
public final class LineTimestamps implements SerializableTimestampAssigner<RawLine> {

  private transient EventParser parser;

  @Override
  public long extractTimestamp(RawLine line, long recordTimestamp) {
    if (line.unreadable() != null) {
      return EventClock.NONE;
    }
    ParseResult result = line.parsed(); // the parse step finds it there too
    if (result == null) {
      if (parser == null) {
        parser = new EventParser();
      }
      result = parser.parse(line.text(), line.line());
      ParsedLines.put(line, result);
    }
    return result instanceof ParseResult.Parsed parsed ? parsed.event().ts() : EventClock.NONE;
  }
}
