package io.cscmon.core.parse;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.Event;
import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.Simulator;
import io.cscmon.core.testing.Gen;
import io.cscmon.core.testing.HostileLines;
import io.cscmon.core.testing.LineMutations;
import io.cscmon.core.testing.TestSeed;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-pass scanner reads exactly what Jackson reads: wherever it vouches for a line, the event
 * is the one Jackson builds, and a parser with the scanner gives every line — valid, hostile or
 * mutated — the same result (event, or line, field, reason and message) as one without it.
 */
class ScannedFieldsTest {

  @RegisterExtension static final TestSeed SEED = TestSeed.fromSystemProperty();

  private static final String CALL =
      "{\"type\":\"call\",\"ts\":1795363200000,\"call_id\":\"c-1\",\"phase\":\"arrived\"";

  private static EventParser parser(boolean scan) {
    return new EventParser(
        new TimestampGuard(
            Duration.ofDays(7), Clock.fixed(Instant.ofEpochMilli(BEGINNING), ZoneOffset.UTC)),
        EventParser.DEFAULT_MAX_LINE_CHARS,
        scan);
  }

  /** Both parsers, fed the same lines in the same order, answer alike on every line. */
  private static final class Pair {
    final EventParser scanning = parser(true);
    final EventParser jackson = parser(false);
    int lines;

    void agree(String line) {
      lines++;
      ParseResult fast = scanning.parse(line, lines);
      ParseResult slow = jackson.parse(line, lines);
      if (slow instanceof ParseResult.Parsed parsed) {
        assertThat(fast).as(line).isInstanceOf(ParseResult.Parsed.class);
        assertSame(line, ((ParseResult.Parsed) fast).event(), parsed.event());
      } else {
        assertThat(fast).as(line).isEqualTo(slow);
      }
    }
  }

  /** The scanner's event for a line it must vouch for: Jackson's, field by field. */
  private static Event vouched(String line) {
    Event fast = ScannedFields.read(line);
    assertThat(fast).as("the scanner vouches for %s", line).isNotNull();
    ParseResult slow = EventParser.parseWithJackson(line, 1);
    assertThat(slow).as(line).isInstanceOf(ParseResult.Parsed.class);
    assertSame(line, fast, ((ParseResult.Parsed) slow).event());
    return fast;
  }

  /**
   * Same type, and component by component equal: arrays by content, doubles by their bits (so -0.0
   * is not 0.0), as {@code Objects.deepEquals} compares them.
   */
  private static void assertSame(String line, Event actual, Event expected) {
    assertThat(actual.getClass()).as(line).isEqualTo(expected.getClass());
    for (RecordComponent c : expected.getClass().getRecordComponents()) {
      try {
        Object a = c.getAccessor().invoke(actual);
        Object e = c.getAccessor().invoke(expected);
        if (!Objects.deepEquals(a, e)) {
          assertThat(a).as(line + " → " + c.getName()).isEqualTo(e);
        }
      } catch (ReflectiveOperationException ex) {
        throw new AssertionError(ex);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        CALL + "}",
        " \t{ \"type\" : \"call\" ,\r\n\"ts\":1795363200000 , \"call_id\":\"c\",\"phase\":\"arrived\" } \n",
        CALL + ",\"center\":\"上海\",\"ani\":\"é ü ß\",\"topic\":null}",
        CALL + ",\"x\":[],\"y\":[1,-2.5e3,true,false,null,\"s\",[[]]],\"z\":{},\"w\":-0}",
        CALL + ",\"big\":123456789012345678901234567890,\"neg\":-0.0,\"e\":1E-5}",
        "{\"type\":\"health\",\"ts\":1795363200000,\"component\":\"acd\",\"up\":false,"
            + "\"latency_p50_ms\":0.1,\"latency_p99_ms\":1e3,\"cpu\":-0.0,\"memory\":1,"
            + "\"metrics\":{\"a\":1,\"b\":-2.25,\"c\":12345678901234.5,\"d\":0.30000000000000004}}",
        "{\"type\":\"health\",\"ts\":\"2026-11-27T10:00:00.250+08:00\",\"component\":\"ivr\","
            + "\"instance\":\"1\",\"interval_ms\":1,\"up\":true,\"requests\":0,\"errors\":999999999999999999}",
        "{\"type\":\"agent\",\"ts\":1795363200000,\"agent_id\":\"a\",\"state\":\"not_ready\","
            + "\"queues\":[ \"retail\" , \"vip\" ]}",
        "{\"type\":\"agent\",\"ts\":1795363200000,\"agent_id\":\"a\",\"state\":\"busy\",\"queues\":[]}",
        "{\"type\":\"auth\",\"ts\":1795363200000,\"channel\":\"ivr\",\"source\":\"1\",\"result\":\"success\"}",
        "{\"type\":\"access\",\"ts\":1795363200000,\"channel\":\"web\",\"source\":\"1.2.3.4\","
            + "\"status\":599,\"latency_ms\":7,\"count\":1,\"endpoint\":\"/a b\"}",
      })
  void vouchesForPlainLinesWithJacksonsEvent(String line) {
    vouched(line);
  }

  @Test
  void keepsTheValuesEvenWhereDoublesAreDelicate() {
    var health =
        (io.cscmon.core.event.HealthEvent)
            vouched(
                "{\"type\":\"health\",\"ts\":1795363200000,\"component\":\"acd\",\"up\":true,"
                    + "\"cpu\":-0.0,\"metrics\":{\"x\":0.1,\"y\":9007199254740993,\"z\":1.5e300}}");
    assertThat(Double.doubleToRawLongBits(health.cpu())).isEqualTo(Long.MIN_VALUE); // -0.0
    assertThat(health.metricValues()).containsExactly(0.1, 9007199254740992.0, 1.5e300);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        CALL + ",\"ani\":\"a\\\"b\"}", // an escape
        CALL + ",\"ani\":\"\\u0041\"}",
        CALL + ",\"ani\":\"\uD83D\uDE00\"}", // a surrogate pair
        CALL + ",\"ani\":\"tab\there\"}", // a raw control character
        CALL + ",\"ani\":\"1\",\"ani\":\"2\"}", // duplicate keys
        CALL + ",\"x\":1,\"x\":2}",
        CALL + ",\"x\":{\"a\":1,\"a\":2}}",
        CALL + ",\"x\":[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]}", // 17 deep: beyond the scanner
        CALL + ",\"x\":01}", // leading zero
        CALL + ",\"x\":+1}",
        CALL + ",\"x\":.5}",
        CALL + ",\"x\":1.}",
        CALL + ",\"x\":1e}",
        CALL + ",\"x\":NaN}",
        CALL + ",\"x\":123456789012345678901234567890123}", // longer than MAX_NUMBER_CHARS
        CALL + ",\"x\":tru}",
        CALL + ",\"x\":truex}",
        CALL + "} {}", // trailing tokens
        CALL + ",}",
        CALL, // truncated
        CALL + "}\u000b", // not JSON whitespace
        "{\"type\":\"call\",\"ts\":\"1795363200000\",\"call_id\":\"c\",\"phase\":\"arrived\"}",
        "{\"type\":\"call\",\"ts\":1795363200000.0,\"call_id\":\"c\",\"phase\":\"arrived\"}",
        "{\"type\":\"call\",\"ts\":1795363200000000000,\"call_id\":\"c\",\"phase\":\"arrived\"}",
        "{\"type\":\"call\",\"ts\":\"2026-11-27 10:00:00Z\",\"call_id\":\"c\",\"phase\":\"arrived\"}",
        "{\"type\":\"access\",\"ts\":1795363200000,\"channel\":\"web\",\"source\":\"s\",\"status\":\"200\"}",
        "{\"type\":\"access\",\"ts\":1795363200000,\"channel\":\"web\",\"source\":\"s\",\"status\":200.0}",
        "{\"type\":\"health\",\"ts\":1795363200000,\"component\":\"c\",\"up\":\"true\"}",
        "{\"type\":\"health\",\"ts\":1795363200000,\"component\":\"c\",\"up\":true,\"cpu\":\"0.5\"}",
        "{\"type\":\"health\",\"ts\":1795363200000,\"component\":\"c\",\"up\":true,\"cpu\":1.0000001}",
        "{\"type\":\"health\",\"ts\":1795363200000,\"component\":\"c\",\"up\":true,\"errors\":1e400}",
        "{\"type\":\"health\",\"ts\":1795363200000,\"component\":\"c\",\"up\":true,\"metrics\":{\"\":1}}",
        "{\"type\":\"agent\",\"ts\":1795363200000,\"agent_id\":\"a\",\"state\":\"busy\",\"queues\":[\"\"]}",
        "{\"type\":\"agent\",\"ts\":1795363200000,\"agent_id\":\"a\",\"state\":\"Busy\"}",
        "{\"type\":\"auth\",\"ts\":1795363200000,\"channel\":\"ivr\",\"source\":\"1\",\"result\":\"ok\"}",
        "[1]",
        "\"text\"",
      })
  void leavesEverythingElseToJackson(String line) {
    assertThat(ScannedFields.read(line)).as(line).isNull();
    new Pair().agree(line);
  }

  @Test
  void vouchesForEverySimulatedLine() {
    Simulator sim = new Simulator(SimulationConfig.builder().seed(SEED.value()).build());
    for (int i = 0; i < 5_000; i++) {
      vouched(sim.nextLine());
    }
  }

  /** Valid, hostile, reformatted and mutated lines: the same answers with and without scanner. */
  @Test
  void answersEveryGeneratedLineAsJacksonDoes() {
    Simulator sim = new Simulator(SimulationConfig.builder().seed(SEED.value()).build());
    HostileLines hostile = new HostileLines(BEGINNING);
    Gen<HostileLines.Line> hostiles = hostile.any();
    Pair pair = new Pair();
    pair.agree(new String(hostile.anchor().bytes(), StandardCharsets.UTF_8));
    for (int n = 0; n < 12_000; n++) {
      SplittableRandom random = SEED.random(n);
      String line =
          switch (random.nextInt(4)) {
            case 0 -> new String(hostiles.next(random).bytes(), StandardCharsets.UTF_8);
            case 1 -> LineMutations.reformat(sim.nextLine(), random);
            case 2 -> LineMutations.mutate(sim.nextLine(), random);
            default ->
                LineMutations.mutate(
                    new String(hostiles.next(random).bytes(), StandardCharsets.UTF_8), random);
          };
      pair.agree(line);
    }
    assertThat(pair.lines).isGreaterThan(12_000);
  }

  /** Mutated lines are mostly rejected: the mutations must not be too tame to test anything. */
  @Test
  void theMutationsBreakLinesAsOftenAsTheyKeepThem() {
    Simulator sim = new Simulator(SimulationConfig.builder().seed(SEED.value()).build());
    EventParser jackson = parser(false);
    List<Boolean> accepted = new ArrayList<>();
    for (int n = 0; n < 1_000; n++) {
      String line = LineMutations.mutate(sim.nextLine(), SEED.random(n));
      accepted.add(jackson.parse(line, n + 1) instanceof ParseResult.Parsed);
    }
    long valid = accepted.stream().filter(a -> a).count();
    assertThat(valid).isBetween(50L, 950L);
  }
}
