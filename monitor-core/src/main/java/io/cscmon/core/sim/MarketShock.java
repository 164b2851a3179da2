package io.cscmon.core.sim;

import java.time.Duration;
import java.util.Set;

/**
 * A market event (rate decision, currency move, product default) that makes customers call about
 * their investments: arrivals of the given topics — in every queue and on the online channels'
 * matching endpoints — are multiplied by {@code intensity}.
 *
 * @param intensity arrival multiplier of the topics, >= 1
 * @param topics the surging topics; default {@code wealth} and {@code fx}
 */
public record MarketShock(
    Duration startOffset, Duration duration, double intensity, Set<String> topics)
    implements Scenario {

  public static final Set<String> DEFAULT_TOPICS = Set.of("wealth", "fx");

  public MarketShock {
    Scenarios.checkWindow(startOffset, duration);
    if (!(intensity >= 1 && intensity <= 1000)) {
      throw new IllegalArgumentException("MarketShock intensity must be in [1, 1000]");
    }
    topics = Set.copyOf(topics);
  }

  public MarketShock(Duration startOffset, Duration duration, double intensity) {
    this(startOffset, duration, intensity, DEFAULT_TOPICS);
  }

  @Override
  public double arrivalMultiplier(String queue, String topic, long elapsedMs) {
    return topics.contains(topic) ? intensity : 1.0;
  }

  @Override
  public double maxArrivalMultiplier(String queue, String topic) {
    return topics.contains(topic) ? intensity : 1.0;
  }

  @Override
  public ExpectedIncident expected() {
    return ExpectedIncident.of("topic_surge", "market")
        .scope("topic", topics.stream().sorted().toList());
  }
}
