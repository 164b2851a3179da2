package io.cscmon.core.sim;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A telephony denial of service: a flood of short calls that hang up in the IVR within seconds (1–6
 * s), on top of the normal traffic. {@link Mode#SPOOFED}: every call from a different spoofed,
 * random number, each seen once; {@link Mode#REPEATING}: from a few numbers ({@link #sources()})
 * calling again and again. The calls occupy the voice gateway and the IVR like any other.
 *
 * @param intensity attack calls per second (Poisson), > 0
 * @param mode how the caller numbers look
 * @param sourceCount how many numbers repeat in {@link Mode#REPEATING} (ignored otherwise)
 */
public record Tdos(
    Duration startOffset, Duration duration, double intensity, Mode mode, int sourceCount)
    implements Scenario {

  /** How the attack's caller numbers look. */
  public enum Mode {
    SPOOFED,
    REPEATING
  }

  public Tdos {
    Scenarios.checkWindow(startOffset, duration);
    if (!(intensity > 0 && intensity <= 10_000)) {
      throw new IllegalArgumentException("Tdos intensity (calls/s) must be in (0, 10000]");
    }
    if (mode == null) {
      throw new IllegalArgumentException("mode is required");
    }
    if (sourceCount < 1 || sourceCount > 1000) {
      throw new IllegalArgumentException("Tdos sourceCount must be in [1, 1000]");
    }
  }

  /** Spoofed random numbers. */
  public Tdos(Duration startOffset, Duration duration, double intensity) {
    this(startOffset, duration, intensity, Mode.SPOOFED, 5);
  }

  /** The repeating numbers (empty for {@link Mode#SPOOFED}). */
  public List<String> sources() {
    return mode == Mode.REPEATING
        ? Scenarios.mobileNumbers(Scenarios.fixedRng("tdos", startOffset), sourceCount)
        : List.of();
  }

  @Override
  public long injectIntervalMs() {
    return 1000;
  }

  @Override
  public void inject(Traffic t, long elapsedMs) {
    SplittableRandom rng = t.rng();
    List<String> sources = sources();
    int n = Scenarios.poisson(rng, intensity);
    for (int k = 0; k < n; k++) {
      String ani =
          mode == Mode.REPEATING
              ? sources.get(rng.nextInt(sources.size()))
              : rng.nextInt(4) == 0
                  ? "0" + (10 + rng.nextInt(90)) + (10_000_000L + rng.nextLong(90_000_000L))
                  : t.mobileNumber();
      long ivrMs = 1000 + rng.nextLong(5000);
      t.later(rng.nextLong(1000), () -> t.ivrCall("voice", ani, null, ivrMs));
    }
  }

  @Override
  public ExpectedIncident expected() {
    return ExpectedIncident.attack("tdos")
        .scope("component", "voice_gateway")
        .scope("channel", "voice")
        .scope("source", sources());
  }
}
