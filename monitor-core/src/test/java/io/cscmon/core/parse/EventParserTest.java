package io.cscmon.core.parse;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AgentState;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.Event;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.event.IvrOutcome;
import io.cscmon.core.testing.EventLines;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {

  private final EventParser parser =
      new EventParser(
          new TimestampGuard(
              Duration.ofDays(7), Clock.fixed(Instant.ofEpochMilli(BEGINNING), ZoneOffset.UTC)),
          4096);

  private Event parsed(String line) {
    ParseResult result = parser.parse(line, 1);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).event();
  }

  private Rejection rejected(String line, long lineNo) {
    ParseResult result = parser.parse(line, lineNo);
    assertThat(result).as(line).isInstanceOf(ParseResult.Rejected.class);
    return ((ParseResult.Rejected) result).rejection();
  }

  @Test
  void readsEpochMillisTimestamps() {
    Event event = parsed(EventLines.answered(BEGINNING, "c1", "retail", 12_000));
    assertThat(event.ts()).isEqualTo(BEGINNING);
  }

  @Test
  void readsRfc3339TimestampsWithAnyOffset() {
    Event beijing =
        parsed(
            "{\"type\":\"call\",\"ts\":\"2026-11-27T10:00:00.250+08:00\",\"call_id\":\"c\","
                + "\"phase\":\"arrived\"}");
    Event utc =
        parsed(
            "{\"type\":\"call\",\"ts\":\"2026-11-27T02:00:00.250Z\",\"call_id\":\"c\",\"phase\":\"arrived\"}");
    assertThat(beijing.ts()).isEqualTo(BEGINNING + 250).isEqualTo(utc.ts());
  }

  @Test
  void readsEveryFieldOfACall() {
    CallEvent call =
        (CallEvent)
            parsed(
                "{\"type\":\"call\",\"ts\":"
                    + BEGINNING
                    + ",\"center\":\"bj\",\"call_id\":\"c9\",\"phase\":\"ivr_exit\","
                    + "\"ivr_outcome\":\"to_agent\",\"topic\":\"wealth\",\"extra\":{\"x\":1}}");
    assertThat(call.center()).isEqualTo("bj");
    assertThat(call.phase()).isEqualTo(CallPhase.IVR_EXIT);
    assertThat(call.ivrOutcome()).isEqualTo(IvrOutcome.TO_AGENT);
    assertThat(call.topic()).isEqualTo("wealth");
    assertThat(call.channel()).isNull();
  }

  @Test
  void defaultsCenterAndChannel() {
    CallEvent call =
        (CallEvent) parsed(EventLines.arrived(BEGINNING, "c1").replace(",\"center\":\"sh\"", ""));
    assertThat(call.center()).isEqualTo(Event.DEFAULT_CENTER);
    assertThat(call.channel()).isEqualTo("voice");
  }

  @Test
  void readsAgentHealthAuthAndAccess() {
    AgentEvent agent =
        (AgentEvent)
            parsed(
                "{\"type\":\"agent\",\"ts\":"
                    + BEGINNING
                    + ",\"agent_id\":\"a7\",\"state\":\"wrap_up\",\"queues\":[\"retail\",\"vip\"]}");
    assertThat(agent.state()).isEqualTo(AgentState.WRAP_UP);
    assertThat(agent.queues()).containsExactly("retail", "vip");

    HealthEvent health =
        (HealthEvent)
            parsed(
                "{\"type\":\"health\",\"ts\":"
                    + BEGINNING
                    + ",\"component\":\"core_banking\",\"up\":true,\"latency_p99_ms\":120.5,"
                    + "\"requests\":100,\"errors\":2,\"cpu\":0.4,\"metrics\":{\"tps\":42.5}}");
    assertThat(health.instance()).isEqualTo("0");
    assertThat(health.intervalMs()).isEqualTo(10_000);
    assertThat(health.latencyP99Ms()).isEqualTo(120.5);
    assertThat(health.metricNames()).containsExactly("tps");
    assertThat(health.metricValues()).containsExactly(42.5);

    AuthEvent auth =
        (AuthEvent)
            parsed(
                "{\"type\":\"auth\",\"ts\":"
                    + BEGINNING
                    + ",\"channel\":\"ivr\",\"source\":\"13800000000\",\"account\":\"6222\","
                    + "\"result\":\"failure\",\"method\":\"pin\"}");
    assertThat(auth.success()).isFalse();

    AccessEvent access =
        (AccessEvent)
            parsed(
                "{\"type\":\"access\",\"ts\":"
                    + BEGINNING
                    + ",\"channel\":\"web\",\"source\":\"10.0.0.1\",\"endpoint\":\"/login\","
                    + "\"status\":200,\"count\":30}");
    assertThat(access.count()).isEqualTo(30);
    assertThat(access.status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{3}: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json at all | $ | invalid_json | garbage",
        "{\"type\":\"call\" | $ | invalid_json | truncated",
        "{\"type\":\"call\",\"type\":\"agent\"} | type | invalid_json | duplicate key names the key",
        "{} {} | $ | invalid_json | trailing tokens",
        "[1,2] | $ | not_an_object | array",
        "42 | $ | not_an_object | number",
        "{\"ts\":1764208800000} | type | missing_field | no type",
        "{\"type\":\"fax\",\"ts\":1764208800000} | type | unknown_type | unknown type",
        "{\"type\":7,\"ts\":1764208800000} | type | wrong_type | type not a string",
        "{\"type\":\"call\",\"call_id\":\"c\",\"phase\":\"arrived\"} | ts | missing_field | no ts",
        "{\"type\":\"call\",\"ts\":true,\"call_id\":\"c\",\"phase\":\"arrived\"} | ts | wrong_type | ts boolean",
        "{\"type\":\"call\",\"ts\":1.5,\"call_id\":\"c\",\"phase\":\"arrived\"} | ts | wrong_type | ts fractional",
        "{\"type\":\"call\",\"ts\":\"yesterday\",\"call_id\":\"c\",\"phase\":\"arrived\"} | ts | bad_timestamp | ts words",
        "{\"type\":\"call\",\"ts\":\"2026-11-27T10:00:00\",\"call_id\":\"c\",\"phase\":\"arrived\"} | ts | bad_timestamp | ts without offset",
        "{\"type\":\"call\",\"ts\":0,\"call_id\":\"c\",\"phase\":\"arrived\"} | ts | timestamp_out_of_range | epoch 0",
        "{\"type\":\"call\",\"ts\":253402300799000,\"call_id\":\"c\",\"phase\":\"arrived\"} | ts | timestamp_out_of_range | year 9999",
        "{\"type\":\"call\",\"ts\":99999999999999999999999,\"call_id\":\"c\",\"phase\":\"arrived\"} | ts | timestamp_out_of_range | beyond long",
        "{\"type\":\"call\",\"ts\":1764208800000,\"phase\":\"arrived\"} | call_id | missing_field | no call_id",
        "{\"type\":\"call\",\"ts\":1764208800000,\"call_id\":\"\",\"phase\":\"arrived\"} | call_id | missing_field | empty call_id",
        "{\"type\":\"call\",\"ts\":1764208800000,\"call_id\":\"c\",\"phase\":\"teleported\"} | phase | unknown_value | unknown phase",
        "{\"type\":\"call\",\"ts\":1764208800000,\"call_id\":\"c\",\"phase\":\"answered\",\"queue\":\"q\",\"agent_id\":\"a\"} | wait_ms | missing_field | answered without wait",
        "{\"type\":\"call\",\"ts\":1764208800000,\"call_id\":\"c\",\"phase\":\"abandoned\",\"queue\":\"q\",\"wait_ms\":\"5\"} | wait_ms | wrong_type | wait as string",
        "{\"type\":\"call\",\"ts\":1764208800000,\"call_id\":\"c\",\"phase\":\"abandoned\",\"queue\":\"q\",\"wait_ms\":-5} | wait_ms | out_of_range | negative wait",
        "{\"type\":\"call\",\"ts\":1764208800000,\"call_id\":\"c\",\"phase\":\"queued\"} | queue | missing_field | queued without queue",
        "{\"type\":\"call\",\"ts\":1764208800000,\"call_id\":\"c\",\"phase\":\"ivr_exit\",\"ivr_outcome\":\"magic\"} | ivr_outcome | unknown_value | unknown ivr outcome",
        "{\"type\":\"agent\",\"ts\":1764208800000,\"agent_id\":\"a\",\"state\":\"asleep\"} | state | unknown_value | unknown agent state",
        "{\"type\":\"agent\",\"ts\":1764208800000,\"agent_id\":\"a\",\"state\":\"busy\",\"queues\":\"retail\"} | queues | wrong_type | queues not array",
        "{\"type\":\"health\",\"ts\":1764208800000,\"component\":\"ivr\"} | up | missing_field | health without up",
        "{\"type\":\"health\",\"ts\":1764208800000,\"component\":\"ivr\",\"up\":\"yes\"} | up | wrong_type | up as string",
        "{\"type\":\"health\",\"ts\":1764208800000,\"component\":\"ivr\",\"up\":true,\"cpu\":1.5} | cpu | out_of_range | cpu above 1",
        "{\"type\":\"health\",\"ts\":1764208800000,\"component\":\"ivr\",\"up\":true,\"latency_p99_ms\":1e400} | latency_p99_ms | out_of_range | infinite latency",
        "{\"type\":\"health\",\"ts\":1764208800000,\"component\":\"ivr\",\"up\":true,\"metrics\":{\"q\":\"x\"}} | metrics.q | wrong_type | metric not a number",
        "{\"type\":\"auth\",\"ts\":1764208800000,\"channel\":\"ivr\",\"source\":\"1\",\"result\":\"maybe\"} | result | unknown_value | unknown auth result",
        "{\"type\":\"access\",\"ts\":1764208800000,\"channel\":\"web\",\"source\":\"1.2.3.4\",\"status\":999} | status | out_of_range | status 999",
        "{\"type\":\"access\",\"ts\":1764208800000,\"channel\":\"web\",\"source\":\"1.2.3.4\",\"status\":200,\"count\":0} | count | out_of_range | count 0",
      })
  void rejectsWithLineFieldAndReason(String line, String field, String reason, String why) {
    Rejection rejection = rejected(line.strip(), 17);
    assertThat(rejection.line()).isEqualTo(17);
    assertThat(rejection.field()).isEqualTo(field);
    assertThat(rejection.reason().wireName()).isEqualTo(reason);
    assertThat(rejection.message()).isNotBlank();
  }

  @Test
  void rejectsLinesLongerThanTheLimit() {
    Rejection rejection = rejected("{\"type\":\"call\",\"x\":\"" + "a".repeat(5000) + "\"}", 3);
    assertThat(rejection.reason()).isEqualTo(RejectReason.LINE_TOO_LONG);
    assertThat(rejection.field()).isEqualTo(Rejection.WHOLE_LINE);
  }

  @Test
  void rejectsDeepNesting() {
    String deep = "{\"type\":\"call\",\"x\":" + "[".repeat(200) + "]".repeat(200) + "}";
    assertThat(rejected(deep, 1).reason()).isEqualTo(RejectReason.INVALID_JSON);
  }

  @Test
  void rejectsTimestampsMoreThanSevenDaysFromTheNewestSeen() {
    parsed(EventLines.answered(BEGINNING, "c1", "retail", 1_000));
    long eightDaysEarlier = BEGINNING - Duration.ofDays(8).toMillis();
    Rejection rejection = rejected(EventLines.answered(eightDaysEarlier, "c2", "retail", 1_000), 2);
    assertThat(rejection.reason()).isEqualTo(RejectReason.TIMESTAMP_OUT_OF_RANGE);
    assertThat(rejection.field()).isEqualTo("ts");
    // Six days back is still within tolerance.
    parsed(EventLines.answered(BEGINNING - Duration.ofDays(6).toMillis(), "c3", "retail", 1_000));
  }

  @Test
  void aRejectedFirstLineDoesNotPoisonTheLinesAfterIt() {
    rejected("{\"type\":\"call\",\"ts\":0,\"call_id\":\"c\",\"phase\":\"arrived\"}", 1);
    parsed(EventLines.arrived(BEGINNING, "c1"));
  }

  @Test
  void inALiveFeedAStaleFirstLineDoesNotRejectTheCurrentLinesAfterIt() {
    // The parser's wall clock is BEGINNING: these lines are live.
    long eightDaysEarlier = BEGINNING - Duration.ofDays(8).toMillis();
    parsed(EventLines.arrived(eightDaysEarlier, "backfill"));
    parsed(EventLines.arrived(BEGINNING, "c1"));
    // From now on the newest event is BEGINNING, and the backfill's time is too old.
    assertThat(rejected(EventLines.arrived(eightDaysEarlier, "c2"), 3).field()).isEqualTo("ts");
  }

  @Test
  void inARecordedFileALineMoreThanSevenDaysAfterTheNewestIsRejectedAndDoesNotMoveIt() {
    // A recorded file's guard reads no wall clock: its own lines decide.
    EventParser replaying = new EventParser(TimestampGuard.recorded(), 4096);
    long monthLater = BEGINNING + Duration.ofDays(30).toMillis();
    assertThat(replaying.parse(EventLines.arrived(BEGINNING, "c1"), 1))
        .isInstanceOf(ParseResult.Parsed.class);
    ParseResult jump = replaying.parse(EventLines.arrived(monthLater, "c2"), 2);
    assertThat(jump).isInstanceOf(ParseResult.Rejected.class);
    Rejection rejection = ((ParseResult.Rejected) jump).rejection();
    assertThat(rejection.field()).isEqualTo("ts");
    assertThat(rejection.message()).contains("after the newest event seen");
    // The jump did not become the newest event: the file's next line is still accepted.
    assertThat(replaying.parse(EventLines.arrived(BEGINNING + 60_000, "c3"), 3))
        .isInstanceOf(ParseResult.Parsed.class);
  }

  @Test
  void blankLinesAreNeitherEventsNorErrors() {
    assertThat(parser.parse("   ", 4)).isInstanceOf(ParseResult.Blank.class);
    assertThat(parser.parse("", 5)).isInstanceOf(ParseResult.Blank.class);
  }

  @Test
  void neverThrowsOnArbitraryBytes() {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 5_000; i++) {
      String alphabet = "{}[]\":,0123456789.eE+-tfnulrsa \\";
      char[] chars = new char[random.nextInt(80)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      assertThat(parser.parse(new String(chars), i)).isNotNull();
    }
  }
}
