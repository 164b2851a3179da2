package io.cscmon.core.ingest;

import java.util.List;

/**
 * Where the HTTP ingest hands the lines it accepted. The processing pipeline (the Flink side)
 * implements it with a bounded queue, so that a client sending faster than the pipeline consumes is
 * pushed back (HTTP 503 with {@code Retry-After}) instead of filling the heap.
 */
public interface LineSink {

  /**
   * Takes all of {@code lines} or none of them, without blocking.
   *
   * <p>All-or-nothing matters because the client retries the whole request after a 503: a partial
   * take would deliver the taken lines twice.
   *
   * @param lines valid NDJSON lines, in request order, each without its line terminator
   * @return {@code true} when every line was taken; {@code false} when there is no room now
   */
  boolean offer(List<String> lines);

  /**
   * As {@link #offer}, saying why the lines were refused. A sink whose store can be down (the Kafka
   * events topic) answers {@link OfferResult.Unavailable} then, so that the client is not told the
   * pipeline is full; without that, a refusal means no room.
   */
  default OfferResult submit(List<String> lines) {
    return offer(lines) ? OfferResult.TAKEN : OfferResult.FULL;
  }
}
