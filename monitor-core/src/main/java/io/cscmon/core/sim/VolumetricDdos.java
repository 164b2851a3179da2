package io.cscmon.core.sim;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A volumetric DDoS on the online channels: {@code intensity} requests a second from a botnet of
 * many IPs, {@link #heavyHitters()} of which send 30 % of it, written as pre-aggregated {@code
 * access} lines (400 botnet lines and one per heavy hitter every 10 s). The web and app API front
 * ends stay up but their request counts, latency, errors and cpu rise; a growing share of the
 * requests gets 503 or 429.
 *
 * <p>Health effects: requests × (1 + intensity / 400), latency × (1 + min(30, intensity / 1000)),
 * extra error rate min(0.6, intensity / 50 000), on {@code web} and {@code app_api}.
 *
 * @param intensity attack requests per second, > 0
 * @param heavyHitterCount how many IPs send 30 % of the flood
 */
public record VolumetricDdos(
    Duration startOffset, Duration duration, double intensity, int heavyHitterCount)
    implements Scenario {

  private static final long INTERVAL_MS = 10_000;
  private static final int BOT_LINES = 400;
  private static final String[] TARGETS = {"/", "/api/v1/accounts/balance"};
  private static final String[] CHANNELS = {"web", "app"};

  public VolumetricDdos {
    Scenarios.checkWindow(startOffset, duration);
    if (!(intensity > 0 && intensity <= 10_000_000)) {
      throw new IllegalArgumentException("VolumetricDdos intensity (requests/s) must be > 0");
    }
    if (heavyHitterCount < 1 || heavyHitterCount > 1000) {
      throw new IllegalArgumentException("VolumetricDdos heavyHitterCount must be in [1, 1000]");
    }
  }

  /** Five heavy hitters. */
  public VolumetricDdos(Duration startOffset, Duration duration, double intensity) {
    this(startOffset, duration, intensity, 5);
  }

  /** The heavy hitters' IPs. */
  public List<String> heavyHitters() {
    return Scenarios.prefixes(Scenarios.fixedRng("ddos", startOffset), heavyHitterCount).stream()
        .map(p -> p + "." + (1 + Math.floorMod(p.hashCode(), 254)))
        .toList();
  }

  private boolean target(String component) {
    return component.equals("web") || component.equals("app_api");
  }

  @Override
  public double requestMultiplier(String component, long elapsedMs) {
    return target(component) ? 1 + intensity / 400 : 1.0;
  }

  @Override
  public double latencyMultiplier(String component, long elapsedMs) {
    return target(component) ? 1 + Math.min(30, intensity / 1000) : 1.0;
  }

  @Override
  public double extraErrorRate(String component, long elapsedMs) {
    return target(component) ? Math.min(0.6, intensity / 50_000) : 0.0;
  }

  @Override
  public long injectIntervalMs() {
    return INTERVAL_MS;
  }

  @Override
  public void inject(Traffic t, long elapsedMs) {
    SplittableRandom rng = t.rng();
    double total = intensity * INTERVAL_MS / 1000.0;
    double overload = Math.min(0.6, intensity / 50_000);
    double latency = 80 * (1 + Math.min(30, intensity / 1000));
    List<String> heavy = heavyHitters();
    long heavyCount = Math.max(1, Math.round(total * 0.3 / heavy.size()));
    for (String ip : heavy) {
      int target = rng.nextInt(TARGETS.length);
      t.access(CHANNELS[target], ip, TARGETS[target], 200, latency, heavyCount);
    }
    long botCount = Math.max(1, Math.round(total * 0.7 / BOT_LINES));
    for (int k = 0; k < BOT_LINES; k++) {
      int target = rng.nextInt(TARGETS.length);
      double u = rng.nextDouble();
      int status = u < overload ? 503 : u < overload * 1.2 ? 429 : 200;
      t.later(
          rng.nextLong(INTERVAL_MS),
          () ->
              t.access(
                  CHANNELS[target],
                  t.clientIp(),
                  TARGETS[target],
                  status,
                  latency * (0.5 + t.rng().nextDouble()),
                  botCount));
    }
  }

  @Override
  public String kind() {
    return "ddos";
  }

  @Override
  public ExpectedIncident expected() {
    return ExpectedIncident.attack("ddos")
        .scope("component", List.of("web", "app_api"))
        .scope("channel", List.of("web", "app"))
        .scope("source", heavyHitters());
  }
}
