package io.cscmon.core.sim;

import java.time.Duration;

/**
 * An unplanned peak on one contact channel: every topic's new contacts on {@code channel} arrive
 * {@code intensity} times as often as usual — a system-wide SMS or an outage of the app sending
 * customers to the phones in a wave. Workforce planning did not see it coming (the staffing stays
 * as forecast), the other channels and the online streams keep their usual load. The label names
 * the {@code PeakLoad} alert of {@code alert-rules/rules/volume.yaml}: peak_load, operational risk,
 * scope the channel.
 *
 * @param intensity arrival multiplier of the channel's new contacts, in [1, 20]
 * @param channel {@code voice} (the default), {@code app}, {@code chat} or {@code video}
 */
public record VolumeSurge(Duration startOffset, Duration duration, double intensity, String channel)
    implements Scenario {

  public static final String DEFAULT_CHANNEL = "voice";

  public VolumeSurge {
    Scenarios.checkWindow(startOffset, duration);
    if (!(intensity >= 1 && intensity <= 20)) {
      throw new IllegalArgumentException("VolumeSurge intensity must be in [1, 20]");
    }
    if (!Simulator.channels().contains(channel)) {
      throw new IllegalArgumentException(
          "VolumeSurge channel must be one of " + Simulator.channels() + ": " + channel);
    }
  }

  public VolumeSurge(Duration startOffset, Duration duration, double intensity) {
    this(startOffset, duration, intensity, DEFAULT_CHANNEL);
  }

  /**
   * All new contacts arrive this much more often, and {@link #channelShareMultiplier} sends the
   * extra ones to the surging channel: with its usual share w, 1 + w (intensity − 1) overall leaves
   * the other channels' arrivals as they were.
   */
  private double overall() {
    return 1 + Simulator.channelWeight(channel) * (intensity - 1);
  }

  @Override
  public double arrivalMultiplier(String queue, String topic, long elapsedMs) {
    return queue == null ? 1.0 : overall();
  }

  @Override
  public double maxArrivalMultiplier(String queue, String topic) {
    return queue == null ? 1.0 : overall();
  }

  @Override
  public double channelShareMultiplier(String channel, long elapsedMs) {
    return this.channel.equals(channel) ? intensity : 1.0;
  }

  @Override
  public ExpectedIncident expected() {
    return ExpectedIncident.of("peak_load", "operational").scope("channel", channel);
  }
}
