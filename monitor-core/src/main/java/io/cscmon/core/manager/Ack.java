package io.cscmon.core.manager;

/**
 * Someone took an alert: {@code by} acknowledged the episode of alert {@code fingerprint} that
 * started at {@code startsAt} (event time), at wall-clock time {@code at}. An acknowledged alert
 * escalates no further; a new episode of the same alert is unacknowledged again.
 */
public record Ack(String fingerprint, long startsAt, String by, String comment, long at) {}
