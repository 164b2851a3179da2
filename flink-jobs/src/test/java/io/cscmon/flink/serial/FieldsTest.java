package io.cscmon.flink.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The string format of the compact serializers beyond what the serializers' round trips check: its
 * size, names coming back as one instance per value, and corrupt headers refused.
 */
class FieldsTest {

  private static byte[] written(String... values) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    for (String v : values) {
      Fields.writeString(v, out);
    }
    return out.getCopyOfBuffer();
  }

  @Test
  void aShortLatin1StringIsOneHeaderByteAndOneByteAChar() throws IOException {
    assertThat(written("default")).hasSize(1 + 7);
    assertThat(written("café")).hasSize(1 + 4);
    assertThat(written((String) null)).containsExactly(0);
    assertThat(written("")).containsExactly(1);
    assertThat(written("x".repeat(64))).hasSize(2 + 64); // header 129 takes two bytes
  }

  /**
   * Short strings are read eight bytes at a time, longer ones in one block: every length across.
   */
  @Test
  void everyLengthReadsBackWhicheverWayItIsRead() throws IOException {
    List<String> values = new ArrayList<>();
    for (int n = 0; n <= 80; n++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        sb.append((char) (i % 3 == 0 ? 0xE0 + i % 31 : 'a' + (n + i) % 26)); // Latin-1, high bit
      }
      values.add(sb.toString());
    }
    DataInputDeserializer in = new DataInputDeserializer(written(values.toArray(String[]::new)));
    for (String v : values) {
      assertThat(v.length() % 2 == 0 ? Fields.readString(in) : Fields.readName(in)).isEqualTo(v);
    }
    assertThat(in.available()).isZero();
  }

  @Test
  void namesComeBackAsOneInstancePerValueWhateverTheReader() throws IOException {
    String[] values = {"default", "web", "ivr_gateway", "é", "", "默认中心", null, "x".repeat(65)};
    DataInputDeserializer in = new DataInputDeserializer(written(values));
    List<String> first = new ArrayList<>();
    for (String v : values) {
      first.add(Fields.readName(in));
    }
    assertThat(first).containsExactly(values);
    in = new DataInputDeserializer(written(values));
    for (int i = 0; i < values.length; i++) {
      String again = Fields.readName(in);
      assertThat(again).isEqualTo(values[i]);
      if (i < 5) { // the short Latin-1 ones: interned
        assertThat(again).isSameAs(first.get(i));
      }
    }
  }

  @Test
  void manyMoreDistinctNamesThanTheCacheHoldsStillReadBackRight() throws IOException {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      values.add("agent-" + i);
    }
    for (int round = 0; round < 2; round++) {
      DataInputDeserializer in = new DataInputDeserializer(written(values.toArray(String[]::new)));
      for (String v : values) {
        assertThat(Fields.readName(in)).isEqualTo(v);
      }
    }
  }

  @Test
  void aCorruptHeaderIsRefused() {
    // 4: even, neither null (0) nor the StringValue form (2)
    assertThatThrownBy(() -> Fields.readString(new DataInputDeserializer(new byte[] {4})))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("string header 4");
    byte[] endless = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1};
    assertThatThrownBy(() -> Fields.readName(new DataInputDeserializer(endless)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("past 32 bits");
    byte[] huge = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F}; // odd: 2^27 - 1 bytes
    assertThatThrownBy(() -> Fields.readString(new DataInputDeserializer(huge)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bytes");
  }
}
