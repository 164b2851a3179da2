package io.cscmon.core.sim;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Credential stuffing against web and app login: leaked username/password pairs tried once each,
 * across many accounts, from source IPs concentrated in a few /24 subnets ({@link #prefixes()}).
 * About 1 % succeed (reused passwords). Each attempt is an {@code auth} failure (or success) and an
 * {@code access} line on the login endpoint (401 or 200). Unlike carrier NAT, where many accounts
 * share one IP with the usual 3–4 % failures, here nearly everything fails.
 *
 * @param intensity login attempts per second (Poisson), > 0
 * @param subnets how many /24s the attack comes from
 */
public record CredentialStuffing(
    Duration startOffset, Duration duration, double intensity, int subnets) implements Scenario {

  private static final double SUCCESS = 0.01;

  public CredentialStuffing {
    Scenarios.checkWindow(startOffset, duration);
    if (!(intensity > 0 && intensity <= 100_000)) {
      throw new IllegalArgumentException("CredentialStuffing intensity (attempts/s) must be > 0");
    }
    if (subnets < 1 || subnets > 256) {
      throw new IllegalArgumentException("CredentialStuffing subnets must be in [1, 256]");
    }
  }

  /** From three /24s. */
  public CredentialStuffing(Duration startOffset, Duration duration, double intensity) {
    this(startOffset, duration, intensity, 3);
  }

  /** The attacking /24s as {@code a.b.c}. */
  public List<String> prefixes() {
    return Scenarios.prefixes(Scenarios.fixedRng("credential-stuffing", startOffset), subnets);
  }

  @Override
  public long injectIntervalMs() {
    return 1000;
  }

  @Override
  public void inject(Traffic t, long elapsedMs) {
    SplittableRandom rng = t.rng();
    List<String> prefixes = prefixes();
    int n = Scenarios.poisson(rng, intensity);
    for (int k = 0; k < n; k++) {
      String ip = prefixes.get(rng.nextInt(prefixes.size())) + "." + (1 + rng.nextInt(254));
      boolean web = rng.nextDouble() < 0.8;
      String account = t.account();
      boolean ok = rng.nextDouble() < SUCCESS;
      double latency = 80 + rng.nextDouble() * 120;
      t.later(
          rng.nextLong(1000),
          () -> {
            t.auth(web ? "web" : "app", ip, account, ok, "password");
            t.access(
                web ? "web" : "app",
                ip,
                web ? "/login" : "/api/v1/login",
                ok ? 200 : 401,
                latency,
                1);
          });
    }
  }

  @Override
  public ExpectedIncident expected() {
    return ExpectedIncident.attack("credential_stuffing")
        .scope("channel", List.of("web", "app"))
        .scope("source", prefixes().stream().map(p -> p + ".0/24").toList());
  }
}
