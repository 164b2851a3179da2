package io.cscmon.core.parse;

/**
 * A rejected input line: which line, which field, why.
 *
 * @param line 1-based line number within the request or file
 * @param field the offending field; {@code $} when the line as a whole is at fault
 * @param reason the closed reason code
 * @param message a sentence for humans naming the field and what was wrong with it
 */
public record Rejection(long line, String field, RejectReason reason, String message) {

  /** The field name used when the whole line is at fault (not JSON, too long, ...). */
  public static final String WHOLE_LINE = "$";

  @Override
  public String toString() {
    return "line " + line + ", field " + field + ": " + reason.wireName() + " (" + message + ")";
  }
}
