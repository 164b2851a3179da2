package io.cscmon.core.testing;

/** Builders of contract event lines (NDJSON), for tests of every layer. */
public final class EventLines {
  private EventLines() {}

  public static String queued(long ts, String callId, String queue) {
    return String.format(
        "{\"type\":\"call\",\"ts\":%d,\"center\":\"sh\",\"call_id\":\"%s\",\"phase\":\"queued\","
            + "\"queue\":\"%s\"}",
        ts, callId, queue);
  }

  public static String answered(long ts, String callId, String queue, long waitMs) {
    return String.format(
        "{\"type\":\"call\",\"ts\":%d,\"center\":\"sh\",\"call_id\":\"%s\",\"phase\":\"answered\","
            + "\"queue\":\"%s\",\"wait_ms\":%d,\"agent_id\":\"a1\"}",
        ts, callId, queue, waitMs);
  }

  public static String abandoned(long ts, String callId, String queue, long waitMs) {
    return String.format(
        "{\"type\":\"call\",\"ts\":%d,\"center\":\"sh\",\"call_id\":\"%s\",\"phase\":\"abandoned\","
            + "\"queue\":\"%s\",\"wait_ms\":%d}",
        ts, callId, queue, waitMs);
  }

  public static String arrived(long ts, String callId) {
    return String.format(
        "{\"type\":\"call\",\"ts\":%d,\"center\":\"sh\",\"call_id\":\"%s\",\"phase\":\"arrived\","
            + "\"ani\":\"13800000000\",\"topic\":\"balance\"}",
        ts, callId);
  }

  public static String health(long ts, String component, boolean up) {
    return String.format(
        "{\"type\":\"health\",\"ts\":%d,\"component\":\"%s\",\"up\":%b}", ts, component, up);
  }

  /** The event time of a valid line, e.g. to sort lines merged from several files. */
  public static long timeOf(String line) {
    var parsed = new io.cscmon.core.parse.EventParser().parse(line, 1);
    if (parsed instanceof io.cscmon.core.parse.ParseResult.Parsed p) {
      return p.event().ts();
    }
    throw new IllegalArgumentException("not a valid event line: " + line);
  }
}
