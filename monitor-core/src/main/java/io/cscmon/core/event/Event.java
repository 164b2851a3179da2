package io.cscmon.core.event;

/**
 * One input event of CONTRACT §1. Every event has an event time ({@link #ts()}, epoch milliseconds)
 * and the center that emitted it. The concrete types are plain records so that Flink serializes
 * them with its POJO serializer rather than Kryo.
 */
public sealed interface Event permits CallEvent, AgentEvent, HealthEvent, AuthEvent, AccessEvent {

  /** The default of the optional {@code center} field. */
  String DEFAULT_CENTER = "default";

  /** Event time in epoch milliseconds. */
  long ts();

  String center();

  EventType type();
}
