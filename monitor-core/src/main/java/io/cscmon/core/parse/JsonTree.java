package io.cscmon.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;

/**
 * Builds the tree of a valid JSON object straight from Jackson's token stream, without the
 * data-binding machinery of {@code ObjectMapper.readTree} (a deserialization context, a type lookup
 * and a container stack per line: about half of the parse cost in the replay profile). It builds
 * the same nodes {@code readTree} builds — ints, longs and big integers by their size, other
 * numbers as doubles — which {@code JsonTreeTest} checks against {@code readTree} itself.
 *
 * <p>It has a fast path only: any line it does not read completely and cleanly (not an object,
 * invalid, trailing tokens) gets {@code null}, and the caller takes {@code readTree}'s path, which
 * produces the error messages the contract documents.
 */
final class JsonTree {
  private JsonTree() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The fields of the object on {@code line} — the parser's names and value nodes in order (the
   * parser rejects duplicate names), without a map — or {@code null} if the line is anything but
   * one valid object.
   */
  static EventParser.Fields readFields(JsonFactory factory, String line) {
    try (JsonParser parser = factory.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String[] names = new String[16];
      JsonNode[] values = new JsonNode[16];
      int size = 0;
      String name;
      while ((name = parser.nextFieldName()) != null) {
        if (size == names.length) {
          names = Arrays.copyOf(names, size * 2);
          values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size++] = value(parser, parser.nextToken());
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return null;
      }
      return new EventParser.Fields(names, values, size);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static ObjectNode readObjectBody(JsonParser parser) throws IOException {
    ObjectNode object = NODES.objectNode();
    String name;
    while ((name = parser.nextFieldName()) != null) {
      object.set(name, value(parser, parser.nextToken()));
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw new IOException("unexpected " + parser.currentToken());
    }
    return object;
  }

  private static ArrayNode readArrayBody(JsonParser parser) throws IOException {
    ArrayNode array = NODES.arrayNode();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      array.add(value(parser, token));
    }
    return array;
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    if (token == null) {
      throw new IOException("unexpected end of input");
    }
    return switch (token) {
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      case START_OBJECT -> readObjectBody(parser);
      case START_ARRAY -> readArrayBody(parser);
      default -> throw new IOException("unexpected " + token);
    };
  }
}
