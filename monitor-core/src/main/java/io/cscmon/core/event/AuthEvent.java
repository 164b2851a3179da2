package io.cscmon.core.event;

/**
 * An authentication attempt ({@code type: auth}): IVR PIN, app or web login.
 *
 * @param source ANI for the IVR, client IP for the other channels
 * @param account the account or card the attempt was for; {@code null} when absent
 * @param method {@code pin}, {@code password}, {@code otp}, {@code voiceprint}; {@code null} when
 *     absent
 */
public record AuthEvent(
    long ts,
    String center,
    String channel,
    String source,
    String account,
    boolean success,
    String method)
    implements Event {

  @Override
  public EventType type() {
    return EventType.AUTH;
  }
}
