package io.cscmon.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast tree reader builds exactly what {@code readTree} builds, or refuses the line. */
class JsonTreeTest {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"a\":1,\"b\":-2147483649,\"c\":9223372036854775808,\"d\":-12345678901234567890123}",
        "{\"f\":0.1,\"g\":-0.0,\"h\":1e400,\"i\":1E5,\"j\":2.5e-3,\"k\":12345678901234567890.5}",
        "{\"s\":\"text \\u00e9 \\\"q\\\"\",\"t\":true,\"u\":false,\"n\":null}",
        "{\"queues\":[\"a\",\"b\",[],[1,[2.0]],{}],\"metrics\":{\"x\":1,\"y\":{\"z\":[null]}}}",
        "{\"type\":\"health\",\"ts\":1795363200000,\"metrics\":{\"q\":3.25},\"up\":true}"
      })
  void buildsTheSameNodesAsReadTree(String line) throws Exception {
    JsonNode expected = MAPPER.readTree(line);
    JsonNode actual = JsonTree.readObject(MAPPER.getFactory(), line);
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.toString()).isEqualTo(expected.toString());
    // Node classes too (equals already compares them): IntNode vs LongNode vs BigIntegerNode.
    expected
        .fields()
        .forEachRemaining(e -> assertThat(actual.get(e.getKey())).hasSameClassAs(e.getValue()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[1,2]",
        "42",
        "\"s\"",
        "{\"a\":1",
        "{\"a\":1}{}",
        "{\"a\":1} x",
        "{\"a\":1,\"a\":2}",
        "{\"a\":[1,2}",
        "{\"a\":01}",
        "{'a':1}",
        "{\"a\":NaN}"
      })
  void refusesAnythingButOneCleanObject(String line) {
    assertThat(JsonTree.readObject(MAPPER.getFactory(), line)).isNull();
  }
}
