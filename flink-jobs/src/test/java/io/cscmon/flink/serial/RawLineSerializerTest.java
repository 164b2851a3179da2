package io.cscmon.flink.serial;

import static io.cscmon.flink.serial.WireValues.ODD_STRINGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.RejectReason;
import io.cscmon.core.parse.Rejection;
import io.cscmon.flink.source.RawLine;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class RawLineSerializerTest extends CompactSerializerTestBase<RawLine> {

  RawLineSerializerTest() {
    super(RawLineSerializer::new, RawLine.class);
  }

  @Override
  List<RawLine> edgeCases() {
    List<RawLine> cases = new ArrayList<>();
    cases.add(new RawLine(null, 0, null, false));
    cases.add(new RawLine("", Long.MIN_VALUE, "", true));
    for (String odd : ODD_STRINGS) {
      cases.add(new RawLine(odd, Long.MAX_VALUE, odd, false));
    }
    for (RejectReason reason : RejectReason.values()) {
      cases.add(
          RawLine.unreadable(
              ODD_STRINGS[1], ODD_STRINGS[2], new Rejection(7, "$", reason, ODD_STRINGS[3])));
    }
    cases.add(
        RawLine.unreadable("f", "x", new Rejection(-1, null, RejectReason.INVALID_UTF8, null)));
    return cases;
  }

  @Override
  RawLine random(SplittableRandom r) {
    Rejection unreadable =
        r.nextBoolean()
            ? null
            : new Rejection(
                WireValues.anyLong(r),
                WireValues.nullableString(r),
                RejectReason.values()[r.nextInt(RejectReason.values().length)],
                WireValues.nullableString(r));
    return new RawLine(
        WireValues.nullableString(r),
        WireValues.anyLong(r),
        WireValues.nullableString(r),
        r.nextBoolean(),
        unreadable);
  }

  /** The source's parse is a cache of the text: the receiving side parses again. */
  @Test
  void leavesTheSourcesParseBehind() throws Exception {
    String text =
        "{\"type\":\"call\",\"ts\":1,\"center\":\"c\",\"call_id\":\"x\",\"phase\":\"queued\"}";
    RawLine sent = RawLine.parsed("f", 3, text, new EventParser().parse(text, 3));
    DataOutputSerializer out = new DataOutputSerializer(64);
    RawLineSerializer.INSTANCE.serialize(sent, out);

    RawLine received =
        RawLineSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

    assertThat(sent.parsed()).isNotNull();
    assertThat(received).isEqualTo(new RawLine("f", 3, text, false));
  }
}
