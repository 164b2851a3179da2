package io.cscmon.core.notify;

/** The outcome of one notification, after retries. */
public enum DeliveryResult {
  DELIVERED,
  /** The receiver could not be reached or kept failing (network, 5xx, 429); worth trying later. */
  FAILED,
  /**
   * The receiver answered that it will not take this notification (a 4xx other than 429, or an
   * error code in the body): sending the same again cannot help.
   */
  REJECTED
}
