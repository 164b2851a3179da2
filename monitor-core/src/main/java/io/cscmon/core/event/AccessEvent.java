package io.cscmon.core.event;

/**
 * Online-channel requests ({@code type: access}): one request, or {@code count} identical ones.
 *
 * @param endpoint path or operation; {@code null} when absent
 * @param latencyMs {@code null} when absent
 */
public record AccessEvent(
    long ts,
    String center,
    String channel,
    String source,
    String endpoint,
    int status,
    Double latencyMs,
    long count)
    implements Event {

  @Override
  public EventType type() {
    return EventType.ACCESS;
  }
}
