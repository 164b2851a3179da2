package io.cscmon.core.sim;

/**
 * The Erlang C queueing model (M/M/N, callers wait forever) as contact centers use it for staffing:
 * the probability that a call waits, the service level ("X % answered within T seconds") of N
 * agents, and the fewest agents that reach a target service level.
 *
 * <p>Traffic is in Erlangs: arrival rate × average handle time. Erlang C is computed from Erlang B
 * with the usual recursion {@code B(0) = 1, B(n) = A·B(n-1) / (n + A·B(n-1))}, {@code C = N·B / (N
 * − A·(1 − B))}, which is numerically stable for hundreds of agents (no factorials).
 */
public final class ErlangC {
  private ErlangC() {}

  /**
   * Probability that an arriving call has to wait (all {@code agents} busy) under {@code
   * trafficErlangs} of offered load; 1 when the load is not below the number of agents.
   */
  public static double probabilityOfWaiting(int agents, double trafficErlangs) {
    if (agents < 0 || trafficErlangs < 0 || Double.isNaN(trafficErlangs)) {
      throw new IllegalArgumentException("agents and traffic must be non-negative");
    }
    if (trafficErlangs == 0) {
      return 0;
    }
    if (agents <= trafficErlangs) {
      return 1;
    }
    double b = 1;
    for (int n = 1; n <= agents; n++) {
      b = trafficErlangs * b / (n + trafficErlangs * b);
    }
    return agents * b / (agents - trafficErlangs * (1 - b));
  }

  /**
   * Service level: the fraction of calls answered within {@code targetSeconds}, {@code 1 − C ·
   * e^(−(N − A)·T/AHT)}.
   *
   * @param callsPerSecond arrival rate
   * @param ahtSeconds average handle time
   */
  public static double serviceLevel(
      int agents, double callsPerSecond, double ahtSeconds, double targetSeconds) {
    double traffic = callsPerSecond * ahtSeconds;
    if (agents <= traffic) {
      return traffic == 0 ? 1 : 0;
    }
    double c = probabilityOfWaiting(agents, traffic);
    return 1 - c * Math.exp(-(agents - traffic) * targetSeconds / ahtSeconds);
  }

  /** Average speed of answer in seconds, {@code C · AHT / (N − A)}; infinite when overloaded. */
  public static double averageSpeedOfAnswer(int agents, double callsPerSecond, double ahtSeconds) {
    double traffic = callsPerSecond * ahtSeconds;
    if (agents <= traffic) {
      return traffic == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return probabilityOfWaiting(agents, traffic) * ahtSeconds / (agents - traffic);
  }

  /**
   * The fewest agents whose service level reaches {@code targetServiceLevel} (e.g. 0.8) within
   * {@code targetSeconds} (e.g. 20); 0 when no calls arrive.
   */
  public static int requiredAgents(
      double callsPerSecond, double ahtSeconds, double targetServiceLevel, double targetSeconds) {
    if (!(targetServiceLevel > 0 && targetServiceLevel < 1)) {
      throw new IllegalArgumentException("targetServiceLevel must be in (0, 1)");
    }
    double traffic = callsPerSecond * ahtSeconds;
    if (traffic <= 0) {
      return 0;
    }
    int n = (int) Math.floor(traffic) + 1;
    while (serviceLevel(n, callsPerSecond, ahtSeconds, targetSeconds) < targetServiceLevel) {
      n++;
    }
    return n;
  }
}
