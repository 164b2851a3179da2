package io.cscmon.core.sim;

import java.time.Duration;

/**
 * A forecast busy day — payday, a holiday eve, the Monday after a long weekend: every contact
 * stream and the online channels are {@code intensity} times the usual, and workforce planning saw
 * it coming, so the queues are staffed for it (Erlang C on the raised load). Legitimately high but
 * normal traffic that must raise no alert.
 *
 * @param intensity volume multiplier, in [1, 3]
 */
public record BusyDay(Duration startOffset, Duration duration, double intensity)
    implements Scenario {

  public BusyDay {
    Scenarios.checkWindow(startOffset, duration);
    if (!(intensity >= 1 && intensity <= 3)) {
      throw new IllegalArgumentException("BusyDay intensity must be in [1, 3]");
    }
  }

  @Override
  public double arrivalMultiplier(String queue, String topic, long elapsedMs) {
    return queue == null ? 1.0 : intensity;
  }

  @Override
  public double maxArrivalMultiplier(String queue, String topic) {
    return queue == null ? 1.0 : intensity;
  }

  @Override
  public double forecastMultiplier(String queue, long elapsedMs) {
    return intensity;
  }

  @Override
  public double onlineMultiplier(String channel, long elapsedMs) {
    return intensity;
  }

  @Override
  public double maxOnlineMultiplier(String channel) {
    return intensity;
  }

  @Override
  public double requestMultiplier(String component, long elapsedMs) {
    return intensity;
  }
}
