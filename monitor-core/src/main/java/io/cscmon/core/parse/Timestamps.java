package io.cscmon.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads {@code ts}: RFC 3339 with an offset, or epoch milliseconds (CONTRACT §1). */
final class Timestamps {
  private Timestamps() {}

  static long read(EventParser.Fields f) {
    JsonNode node = f.required("ts");
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw new EventParser.FieldException(
            "ts", RejectReason.TIMESTAMP_OUT_OF_RANGE, "ts " + node.asText() + " is too large");
      }
      return node.longValue();
    }
    if (node.isTextual()) {
      return parseRfc3339(node.textValue());
    }
    throw EventParser.Fields.wrongType(
        "ts", "an RFC 3339 string with offset or integer epoch milliseconds", node);
  }

  static long parseRfc3339(String text) {
    long fast = Rfc3339.epochMillis(text);
    if (fast != Rfc3339.NOT_SIMPLE) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new EventParser.FieldException(
          "ts",
          RejectReason.BAD_TIMESTAMP,
          "ts '"
              + abbreviate(text)
              + "' is not RFC 3339 with an offset (e.g. 2026-11-27T09:00:00.250+08:00)");
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "…";
  }
}
