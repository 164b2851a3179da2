package io.cscmon.core.sim;

import java.time.Duration;

/**
 * The carrier's voice trunk fails: a share ({@code intensity}) of the voice calls never reach the
 * center, while every component probe — the voice gateway's included — still says up. Calls in
 * progress finish; the queues drain; the voice gateway's {@code active_calls} falls. Only the
 * missing arrivals tell.
 *
 * @param intensity share of voice calls lost, in (0, 1]
 */
public record VoiceTrunkFailure(Duration startOffset, Duration duration, double intensity)
    implements Scenario {

  public VoiceTrunkFailure {
    Scenarios.checkWindow(startOffset, duration);
    if (!(intensity > 0 && intensity <= 1)) {
      throw new IllegalArgumentException("VoiceTrunkFailure intensity must be in (0, 1]");
    }
  }

  /** All voice calls are lost. */
  public VoiceTrunkFailure(Duration startOffset, Duration duration) {
    this(startOffset, duration, 1.0);
  }

  @Override
  public double channelPassFraction(String channel, long elapsedMs) {
    return channel.equals("voice") ? 1 - intensity : 1.0;
  }

  @Override
  public String kind() {
    return "trunk-failure";
  }

  @Override
  public ExpectedIncident expected() {
    return ExpectedIncident.of("outage", "technical")
        .scope("component", "voice_gateway")
        .scope("channel", "voice");
  }
}
