package io.cscmon.flink.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The Kafka key of an event line: its {@code center} (CONTRACT §1), so that one center's events
 * stay in one partition, where Kafka keeps their order; the detectors judge a key's events in
 * arrival order. Read with Jackson's token stream, top-level fields only, skipping every value but
 * the one it wants: no tree, no copy of the line. A line without a center (or, never from the
 * validating ingest, one that is not an object) gets no key, and the producer spreads such lines
 * over the partitions.
 */
final class CenterKey {
  private CenterKey() {}

  private static final JsonFactory JSON = new JsonFactory();

  static byte[] of(String line) {
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String name;
      while ((name = parser.nextFieldName()) != null) {
        JsonToken value = parser.nextToken();
        if (name.equals("center")) {
          return value == JsonToken.VALUE_STRING
              ? parser.getText().getBytes(StandardCharsets.UTF_8)
              : null;
        }
        parser.skipChildren(); // a nested object or array: its own "center" is not the event's
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
