package io.cscmon.core.detect;

/**
 * The two SLO burn-rate trackers of one component at one center: its error budget and its latency
 * budget ({@link Detectors#sloBurn}). POJO.
 */
public final class SloBurnState {
  public BurnRateState errors;
  public BurnRateState latency;

  /** The component's p99 latency objective, from the component map. */
  public double latencyObjectiveMs;
}
