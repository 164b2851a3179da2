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
    implements TopicSurge {

  public static final Set<String> DEFAULT_TOPICS = Set.of("wealth", "fx");

  public MarketShock {
    Scenarios.checkWindow(startOffset, duration);
    topics = TopicSurge.checked("MarketShock", intensity, topics);
  }

  public MarketShock(Duration startOffset, Duration duration, double intensity) {
    this(startOffset, duration, intensity, DEFAULT_TOPICS);
  }

  @Override
  public ExpectedIncident expected() {
    return expectedSurge("market");
  }
}
