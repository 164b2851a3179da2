package io.cscmon.core.ingest;

import io.cscmon.core.event.EventType;
import io.cscmon.core.metrics.IngestMetrics;
import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.ParseResult;
import io.cscmon.core.parse.Rejection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validates an NDJSON body line by line and hands the valid lines to a {@link LineSink}. Transport
 * agnostic (the HTTP API calls it on a worker thread) and thread-safe when the parser, sink and
 * metrics are. A bad line never costs the valid lines of the same body.
 */
public final class NdjsonIngest {

  private final EventParser parser;
  private final LineSink sink;
  private final IngestMetrics metrics;

  public NdjsonIngest(EventParser parser, LineSink sink, IngestMetrics metrics) {
    this.parser = parser;
    this.sink = sink;
    this.metrics = metrics;
  }

  private volatile RejectedLines deadLetters;

  /** Keeps every rejected line in {@code file} from now on (the ingest's dead letters). */
  public void keepRejectedLinesIn(RejectedLines file) {
    this.deadLetters = file;
  }

  /** Parses every line of {@code body}, offers the valid ones to the sink in one call, counts. */
  public IngestResult ingest(byte[] body) {
    List<String> lines = new ArrayList<>();
    Map<EventType, Integer> byType = new EnumMap<>(EventType.class);
    List<Rejection> rejected = new ArrayList<>();
    List<String> rejectedTexts = new ArrayList<>();
    NdjsonLines.split(
        body,
        new NdjsonLines.Visitor() {
          @Override
          public void line(long lineNo, String text) {
            // Java 17: no pattern matching for switch yet, hence instanceof.
            ParseResult result = parser.parse(text, lineNo);
            if (result instanceof ParseResult.Parsed p) {
              lines.add(text);
              byType.merge(p.event().type(), 1, Integer::sum);
            } else if (result instanceof ParseResult.Rejected r) {
              rejected.add(r.rejection());
              rejectedTexts.add(text);
            }
          }

          @Override
          public void invalid(Rejection rejection, String replaced) {
            rejected.add(rejection);
            rejectedTexts.add(replaced);
          }
        });
    OfferResult offered = lines.isEmpty() ? OfferResult.TAKEN : sink.submit(List.copyOf(lines));
    // Refused: nothing is counted, the client sends the same body again and it is counted then.
    if (offered instanceof OfferResult.Full) {
      metrics.throttled();
      return new IngestResult.Throttled();
    }
    if (offered instanceof OfferResult.Unavailable u) {
      metrics.unavailable();
      return new IngestResult.Unavailable(u.reason());
    }
    byType.forEach(metrics::accepted);
    rejected.forEach(r -> metrics.rejected(r.reason()));
    RejectedLines file = deadLetters;
    if (file != null && !rejected.isEmpty()) {
      file.write("http", rejected, rejectedTexts);
    }
    return new IngestResult.Accepted(lines.size(), rejected);
  }
}
