package io.cscmon.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.testing.Gen;
import io.cscmon.core.testing.HostileLines;
import io.cscmon.core.testing.TestSeed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The source stamps lines with {@link LineTime} before parsing; windows then use that stamp, so for
 * every line the parser accepts it must be the parsed {@code ts}, whatever the line looks like.
 */
class LineTimeTest {

  private static final long BASE = System.currentTimeMillis() - 2 * 86_400_000L;
  private static final Gen<HostileLines.Line> LINE = new HostileLines(BASE).any();

  @RegisterExtension static final TestSeed SEED = TestSeed.fromSystemProperty();

  static IntStream cases() {
    return IntStream.range(0, 500);
  }

  @ParameterizedTest(name = "case {0}")
  @MethodSource("cases")
  void everyAcceptedLineIsStampedWithItsParsedTime(int caseNo) {
    String line = new String(LINE.next(SEED.random(caseNo)).bytes(), StandardCharsets.UTF_8);
    if (new EventParser().parse(line, 1) instanceof ParseResult.Parsed parsed) {
      assertThat(LineTime.of(line)).as(line).isEqualTo(parsed.event().ts());
    }
  }

  @Test
  void readsTheCommonShapesByHand() {
    long t = Instant.parse("2026-11-27T01:00:00.250Z").toEpochMilli();
    assertThat(LineTime.of("{\"type\":\"call\",\"ts\":\"2026-11-27T09:00:00.250+08:00\"}"))
        .isEqualTo(t);
    assertThat(LineTime.of(" { \"type\" : \"call\" , \"ts\" : " + t + " , \"x\":1}")).isEqualTo(t);
    assertThat(LineTime.of("{\"note\":\"a \\\"ts\\\": 5\",\"ts\":" + t + "}")).isEqualTo(t);
  }

  @Test
  void leavesNestingAndEscapesToJackson() {
    long t = 1_764_205_200_000L;
    assertThat(LineTime.of("{\"labels\":{\"ts\":1},\"ts\":" + t + "}")).isEqualTo(t);
    assertThat(LineTime.of("{\"t\\u0073\":" + t + "}")).isEqualTo(t);
    assertThat(LineTime.of("{\"ts\":\"2026-11-27T09:00:00\\u002B08:00\"}"))
        .isEqualTo(Instant.parse("2026-11-27T01:00:00Z").toEpochMilli());
  }

  @Test
  void givesNoneWhereThereIsNoReadableTime() {
    assertThat(LineTime.of("{\"type\":\"call\"}")).isEqualTo(LineTime.NONE);
    assertThat(LineTime.of("{\"ts\":\"yesterday\"}")).isEqualTo(LineTime.NONE);
    assertThat(LineTime.of("{\"ts\":1.5e12}")).isEqualTo(LineTime.NONE);
    assertThat(LineTime.of("{\"ts\":99999999999999999999}")).isEqualTo(LineTime.NONE);
    assertThat(LineTime.of("{\"ts\":true}")).isEqualTo(LineTime.NONE);
    assertThat(LineTime.of("[1,2]")).isEqualTo(LineTime.NONE);
    assertThat(LineTime.of("{not json")).isEqualTo(LineTime.NONE);
    assertThat(LineTime.of("")).isEqualTo(LineTime.NONE);
  }
}
