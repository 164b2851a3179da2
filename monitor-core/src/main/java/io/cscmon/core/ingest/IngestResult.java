package io.cscmon.core.ingest;

import io.cscmon.core.parse.Rejection;
import java.util.List;

/** What became of one ingest request. */
public sealed interface IngestResult {

  /**
   * The valid lines were handed to the sink.
   *
   * @param accepted how many lines the sink took
   * @param rejected every rejected line, in line order
   */
  record Accepted(int accepted, List<Rejection> rejected) implements IngestResult {
    public Accepted {
      rejected = List.copyOf(rejected);
    }
  }

  /**
   * The sink had no room: nothing of the request was taken or counted, the client should send the
   * same request again later.
   */
  record Throttled() implements IngestResult {}

  /**
   * The store behind the sink could not be written (the Kafka events topic is down): nothing of the
   * request was taken or counted, the client should send the same request again later.
   *
   * @param reason names the store, where it is and the cause
   */
  record Unavailable(String reason) implements IngestResult {}
}
