package io.cscmon.flink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CenterKeyTest {

  private static String key(String line) {
    byte[] key = CenterKey.of(line);
    return key == null ? null : new String(key, StandardCharsets.UTF_8);
  }

  @Test
  void theEventsOwnCenterWhereverItStands() {
    assertThat(key("{\"type\":\"call\",\"center\":\"sh\",\"ts\":1}")).isEqualTo("sh");
    assertThat(key("{ \"ts\" : 1 , \"center\" : \"北京\" }")).isEqualTo("北京");
    assertThat(
            key(
                "{\"extra\":{\"center\":\"nested\"},\"list\":[{\"center\":\"x\"}],\"center\":\"gz\"}"))
        .as("a nested object's center is not the event's")
        .isEqualTo("gz");
    assertThat(key("{\"note\":\"\\\"center\\\":\\\"quoted\\\"\",\"center\":\"bj\"}"))
        .isEqualTo("bj");
  }

  @Test
  void noKeyWithoutACenterString() {
    assertThat(key("{\"type\":\"health\",\"ts\":1}")).isNull();
    assertThat(key("{\"type\":\"call\",\"center\":5}")).isNull();
    assertThat(key("{\"queue\":\"center\"}")).isNull();
    assertThat(key("not json")).isNull();
    assertThat(key("[\"center\",\"sh\"]")).isNull();
  }
}
