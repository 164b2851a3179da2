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

  String requiredString(FieldName field);

  String optionalString(FieldName field);

  /** An identifier: a non-empty string of bounded length (it may become a label value). */
  String requiredId(FieldName field);

  String optionalId(FieldName field, String fallback);

  /** An array of identifiers; empty when absent. */
  String[] optionalIdArray(FieldName field);

  /** The constant named by the field's string; {@code unknown} is the reason if none is. */
  <E extends Enum<E>> E requiredEnum(FieldName field, Class<E> type, RejectReason unknown);

  <E extends Enum<E>> E optionalEnum(FieldName field, Class<E> type);

  boolean requiredBoolean(FieldName field);

  Long requiredLong(FieldName field, long min, long max);

  Long optionalLong(FieldName field, long min);

  Double optionalDouble(FieldName field, double min, double max);

  /** An object of name to number, as parallel arrays in the object's order; empty when absent. */
  Map.Entry<String[], double[]> optionalNumberMap(FieldName field);

  /** The event time {@code ts} in epoch milliseconds (CONTRACT §1: RFC 3339 or epoch ms). */
  long timestamp();
}
