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
    EventParser.Fields actual = JsonTree.readFields(MAPPER.getFactory(), line);
    EventParser.Fields slow = EventParser.Fields.of(expected);
    expected
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode want = e.getValue().isNull() ? null : e.getValue();
              // equals compares node classes too: IntNode vs LongNode vs BigIntegerNode.
              assertThat(actual.get(e.getKey())).as(e.getKey()).isEqualTo(want);
              assertThat(slow.get(e.getKey())).as(e.getKey()).isEqualTo(want);
              if (want != null) {
                assertThat(actual.get(e.getKey()).toString()).isEqualTo(want.toString());
              }
            });
    assertThat(actual.get("absent")).isNull();
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
    assertThat(JsonTree.readFields(MAPPER.getFactory(), line)).isNull();
  }
}
