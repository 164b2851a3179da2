package io.cscmon.flink.source;

import io.cscmon.core.parse.LineTime;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Stamps each raw line with its {@code ts} at the source, before parsing, so that Flink tracks
 * event time per split. Lines the source could not read, and lines without a readable {@code ts},
 * get {@link LineTime#NONE}: they move no clock and the parser dead-letters them.
 */
public final class LineTimestamps implements SerializableTimestampAssigner<RawLine> {

  @Override
  public long extractTimestamp(RawLine line, long recordTimestamp) {
    return line.unreadable() != null ? LineTime.NONE : LineTime.of(line.text());
  }
}
