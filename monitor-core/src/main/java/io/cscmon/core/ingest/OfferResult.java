package io.cscmon.core.ingest;

/**
 * What a {@link LineSink} did with the lines it was offered: took them all, or refused them all and
 * why. The why decides what the client and the on-call are told: a full pipeline is Flink not
 * keeping up; an unavailable one is the store behind the sink (the Kafka events topic) being down.
 */
public sealed interface OfferResult {

  OfferResult TAKEN = new Taken();
  OfferResult FULL = new Full();

  /** Every line was taken. */
  record Taken() implements OfferResult {}

  /** No room now: the pipeline behind the sink does not keep up. Nothing was taken. */
  record Full() implements OfferResult {}

  /**
   * The store behind the sink cannot be written now. Nothing was taken.
   *
   * @param reason names the store, where it is and the cause, for the client and the on-call
   */
  record Unavailable(String reason) implements OfferResult {}
}
