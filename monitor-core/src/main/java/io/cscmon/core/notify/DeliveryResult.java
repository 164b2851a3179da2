package io.cscmon.core.notify;

/** The outcome of one notification, after retries. */
public enum DeliveryResult {
  DELIVERED,
  FAILED
}
