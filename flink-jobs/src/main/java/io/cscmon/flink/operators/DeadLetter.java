package io.cscmon.flink.operators;

/**
 * A rejected line on its way to the dead-letter output: the rejection and the line itself, so that
 * it can be inspected and replayed once fixed.
 *
 * @param reason the {@link io.cscmon.core.parse.RejectReason} wire name
 */
public record DeadLetter(
    String origin, long line, String field, String reason, String message, String text) {

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** One NDJSON line of the dead-letter file or topic. */
  public String toJson() {
    var node = JSON.createObjectNode();
    node.put("origin", origin);
    node.put("line", line);
    node.put("field", field);
    node.put("reason", reason);
    node.put("message", message);
    node.put("text", text);
    return node.toString();
  }

  /** Longer lines are cut in the dead-letter output; the reason already says what was wrong. */
  static final int MAX_TEXT_CHARS = 64 * 1024;

  static String clip(String text) {
    return text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS) + "…";
  }
}
