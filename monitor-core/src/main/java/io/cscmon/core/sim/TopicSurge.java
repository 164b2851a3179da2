package io.cscmon.core.sim;

import java.util.Set;

/**
 * An event outside the center that makes customers call about some topics: arrivals of {@link
 * #topics()} — in every queue and on the online channels' matching endpoints — are multiplied by
 * {@link #intensity()} for the whole scenario, and nothing else changes. Market shocks and credit
 * events are the same surge and differ in their topics and the risk they are labelled with.
 */
public interface TopicSurge extends Scenario {

  /** The surging topics. */
  Set<String> topics();

  @Override
  default double arrivalMultiplier(String queue, String topic, long elapsedMs) {
    return maxArrivalMultiplier(queue, topic);
  }

  @Override
  default double maxArrivalMultiplier(String queue, String topic) {
    return topics().contains(topic) ? intensity() : 1.0;
  }

  /** The alert it should raise: a topic surge of {@code riskCategory} over its topics. */
  default ExpectedIncident expectedSurge(String riskCategory) {
    return ExpectedIncident.of("topic_surge", riskCategory)
        .scope("topic", topics().stream().sorted().toList());
  }

  /** Refuses an intensity outside [1, 1000]; answers an immutable copy of {@code topics}. */
  static Set<String> checked(String scenario, double intensity, Set<String> topics) {
    if (!(intensity >= 1 && intensity <= 1000)) {
      throw new IllegalArgumentException(scenario + " intensity must be in [1, 1000]");
    }
    return Set.copyOf(topics);
  }
}
