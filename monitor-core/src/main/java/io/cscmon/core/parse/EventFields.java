package io.cscmon.core.parse;

import java.util.Map;

/**
 * Typed access to the fields of one event object, as {@link EventParser} builds events from them.
 * Two readers implement it: {@link EventParser.Fields} over Jackson's nodes, which names every
 * problem ({@link EventParser.FieldException}), and {@link ScannedFields} straight over the line's
 * characters, which only vouches for what it reads cleanly and otherwise gives up, so that the line
 * is read again by the first. Absent and {@code null} fields are alike.
 */
interface EventFields {

  String requiredString(String field);

  String optionalString(String field);

  /** An identifier: a non-empty string of bounded length (it may become a label value). */
  String requiredId(String field);

  String optionalId(String field, String fallback);

  /** An array of identifiers; empty when absent. */
  String[] optionalIdArray(String field);

  /** The constant named by the field's string; {@code unknown} is the reason if none is. */
  <E extends Enum<E>> E requiredEnum(String field, Class<E> type, RejectReason unknown);

  <E extends Enum<E>> E optionalEnum(String field, Class<E> type);

  boolean requiredBoolean(String field);

  Long requiredLong(String field, long min, long max);

  Long optionalLong(String field, long min);

  Double optionalDouble(String field, double min, double max);

  /** An object of name to number, as parallel arrays in the object's order; empty when absent. */
  Map.Entry<String[], double[]> optionalNumberMap(String field);

  /** The event time {@code ts} in epoch milliseconds (CONTRACT §1: RFC 3339 or epoch ms). */
  long timestamp();
}
