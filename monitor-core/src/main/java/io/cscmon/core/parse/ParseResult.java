package io.cscmon.core.parse;

import io.cscmon.core.event.Event;

/** The outcome of parsing one line: an event or a rejection, never an exception. */
public sealed interface ParseResult {

  /** A valid event. */
  record Parsed(Event event) implements ParseResult {}

  /** A line that is not a valid event. */
  record Rejected(Rejection rejection) implements ParseResult {}

  /** A blank line: not an event and not an error (trailing newlines are common in NDJSON). */
  record Blank() implements ParseResult {}

  Blank BLANK = new Blank();
}
