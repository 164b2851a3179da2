package io.cscmon.core.sim;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * PIN brute force against the IVR. {@link Mode#ENUMERATION}: a few numbers ({@link #sources()})
 * call again and again and, in each call, try the PIN of three different accounts (the IVR's
 * lock-out per call), so each number fails on many distinct accounts. {@link Mode#DISTRIBUTED}: one
 * account ({@link #target()}) is tried from many numbers, each seen once, one to three tries a
 * call. Nearly every attempt fails. The calls hang up in the IVR.
 *
 * @param intensity PIN attempts per minute, > 0
 * @param mode enumeration (per number many accounts) or distributed (one account, many numbers)
 * @param sourceCount how many numbers call in {@link Mode#ENUMERATION} (ignored otherwise)
 */
public record IvrBruteForce(
    Duration startOffset, Duration duration, double intensity, Mode mode, int sourceCount)
    implements Scenario {

  /** Per number many accounts, or one account from many numbers. */
  public enum Mode {
    ENUMERATION,
    DISTRIBUTED
  }

  private static final long INTERVAL_MS = 10_000;
  private static final double SUCCESS = 0.001;

  public IvrBruteForce {
    Scenarios.checkWindow(startOffset, duration);
    if (!(intensity > 0 && intensity <= 100_000)) {
      throw new IllegalArgumentException("IvrBruteForce intensity (attempts/min) must be > 0");
    }
    if (mode == null) {
      throw new IllegalArgumentException("mode is required");
    }
    if (sourceCount < 1 || sourceCount > 1000) {
      throw new IllegalArgumentException("IvrBruteForce sourceCount must be in [1, 1000]");
    }
  }

  /** Enumeration from two numbers. */
  public IvrBruteForce(Duration startOffset, Duration duration, double intensity) {
    this(startOffset, duration, intensity, Mode.ENUMERATION, 2);
  }

  /** The attacking numbers of {@link Mode#ENUMERATION} (empty otherwise). */
  public List<String> sources() {
    return mode == Mode.ENUMERATION
        ? Scenarios.mobileNumbers(Scenarios.fixedRng("ivr-bruteforce", startOffset), sourceCount)
        : List.of();
  }

  /** The targeted account of {@link Mode#DISTRIBUTED} ({@code null} otherwise). */
  public String target() {
    if (mode != Mode.DISTRIBUTED) {
      return null;
    }
    SplittableRandom rng = Scenarios.fixedRng("ivr-bruteforce-target", startOffset);
    return "acct-" + Long.toHexString(0x9E3779B97F4A7C15L * (rng.nextLong(5_000_000L) + 1) >>> 28);
  }

  @Override
  public long injectIntervalMs() {
    return INTERVAL_MS;
  }

  @Override
  public void inject(Traffic t, long elapsedMs) {
    SplittableRandom rng = t.rng();
    List<String> sources = sources();
    String target = target();
    double perCall = mode == Mode.ENUMERATION ? 3 : 2;
    int calls = Scenarios.poisson(rng, intensity / 60.0 * (INTERVAL_MS / 1000.0) / perCall);
    for (int k = 0; k < calls; k++) {
      String ani =
          mode == Mode.ENUMERATION ? sources.get(rng.nextInt(sources.size())) : t.mobileNumber();
      int tries = mode == Mode.ENUMERATION ? 3 : 1 + rng.nextInt(3);
      t.later(
          rng.nextLong(INTERVAL_MS),
          () -> {
            String id = t.ivrCall("voice", ani, null, 4000 + tries * 7000L);
            if (id == null) {
              return;
            }
            for (int i = 0; i < tries; i++) {
              String account = target != null ? target : t.account();
              boolean ok = t.rng().nextDouble() < SUCCESS;
              t.later(
                  3000 + i * 7000L + t.rng().nextLong(2000),
                  () -> t.auth("ivr", ani, account, ok, "pin"));
            }
          });
    }
  }

  @Override
  public String kind() {
    return "ivr-bruteforce";
  }

  @Override
  public ExpectedIncident expected() {
    return ExpectedIncident.attack("ivr_bruteforce")
        .scope("channel", "ivr")
        .scope("source", sources())
        .scope("account", target());
  }
}
