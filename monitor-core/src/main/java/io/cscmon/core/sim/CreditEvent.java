package io.cscmon.core.sim;

import java.time.Duration;
import java.util.Set;

/**
 * A credit event (a card-fee change, a loan-rate reset, a wave of collection calls) that makes
 * customers call about their cards and loans and complain: arrivals of the given topics — in every
 * queue and on the online channels' matching endpoints — are multiplied by {@code intensity}.
 * Staffing is not re-planned, so the credit-card and complaints queues feel it.
 *
 * @param intensity arrival multiplier of the topics, >= 1
 * @param topics the surging topics; default {@code credit_card}, {@code loan} and {@code complaint}
 */
public record CreditEvent(
    Duration startOffset, Duration duration, double intensity, Set<String> topics)
    implements TopicSurge {

  public static final Set<String> DEFAULT_TOPICS = Set.of("credit_card", "loan", "complaint");

  public CreditEvent {
    Scenarios.checkWindow(startOffset, duration);
    topics = TopicSurge.checked("CreditEvent", intensity, topics);
  }

  public CreditEvent(Duration startOffset, Duration duration, double intensity) {
    this(startOffset, duration, intensity, DEFAULT_TOPICS);
  }

  @Override
  public ExpectedIncident expected() {
    return expectedSurge("credit");
  }
}
