package io.cscmon.core.sim;

import java.time.Duration;

/**
 * A popular app release (or a marketing push): customers update and log in again, so app logins and
 * app requests are {@code intensity} times the usual for the scenario's span, from the usual spread
 * of customers and carrier NATs, with the usual 3–4 % failed logins. The app API's request count
 * rises with it and its latency a little. Legitimate traffic that must raise no alert.
 *
 * @param intensity multiplier of the app channel's logins and requests, in [1, 20]
 */
public record AppRelease(Duration startOffset, Duration duration, double intensity)
    implements Scenario {

  public AppRelease {
    Scenarios.checkWindow(startOffset, duration);
    if (!(intensity >= 1 && intensity <= 20)) {
      throw new IllegalArgumentException("AppRelease intensity must be in [1, 20]");
    }
  }

  @Override
  public double onlineMultiplier(String channel, long elapsedMs) {
    return channel.equals("app") ? intensity : 1.0;
  }

  @Override
  public double maxOnlineMultiplier(String channel) {
    return channel.equals("app") ? intensity : 1.0;
  }

  @Override
  public double requestMultiplier(String component, long elapsedMs) {
    return component.equals("app_api") ? intensity : 1.0;
  }

  @Override
  public double latencyMultiplier(String component, long elapsedMs) {
    return component.equals("app_api") ? 1.1 : 1.0;
  }
}
