package io.cscmon.core.event;

/**
 * One step of a contact's life ({@code type: call}). Optional fields are {@code null} when the line
 * did not carry them.
 *
 * @param waitMs time in queue, on {@code answered} and {@code abandoned}
 * @param handleMs talk + hold + after-call work, on {@code ended}
 */
public record CallEvent(
    long ts,
    String center,
    String callId,
    CallPhase phase,
    String channel,
    String ani,
    String topic,
    IvrOutcome ivrOutcome,
    String queue,
    Long waitMs,
    String agentId,
    Long handleMs,
    CallOutcome outcome)
    implements Event {

  /** The channel of an {@code arrived} call that names none. */
  public static final String DEFAULT_CHANNEL = "voice";

  @Override
  public EventType type() {
    return EventType.CALL;
  }
}
