package io.cscmon.core.rule;

/** Which side of a threshold is bad. */
public enum Comparison {
  /** Bad when the value falls below the threshold (service level, arrivals on a channel). */
  BELOW,
  /** Bad when the value rises above the threshold (abandonment, error rate, load). */
  ABOVE;

  public boolean breaches(double value, double threshold) {
    return this == BELOW ? value < threshold : value > threshold;
  }

  /** Whether {@code value} is back on the good side of {@code clearAt} (hysteresis). */
  public boolean clears(double value, double clearAt) {
    return this == BELOW ? value >= clearAt : value <= clearAt;
  }
}
