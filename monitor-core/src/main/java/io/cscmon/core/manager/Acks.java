package io.cscmon.core.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.journal.Journal;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Acknowledgements, one per alert fingerprint (the latest), kept in memory and, given a {@link
 * Journal}, on disk. Thread-safe.
 */
public final class Acks {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Clock clock;
  private final Journal journal;
  private final Map<String, Ack> byFingerprint = new HashMap<>();

  public Acks(Clock clock) {
    this(clock, null);
  }

  public Acks(Clock clock, Journal journal) {
    this.clock = clock;
    this.journal = journal;
    if (journal != null) {
      for (String record : journal.recovered()) {
        Ack a = decode(record);
        byFingerprint.put(a.fingerprint(), a);
      }
      journal.rewrite(byFingerprint.values().stream().map(Acks::encode).toList());
    }
  }

  /** Acknowledges the current episode of {@code alert}; a second ack keeps the first. */
  public synchronized Ack ack(Alert alert, String by, String comment) {
    if (by == null || by.isBlank()) {
      throw new IllegalArgumentException("'by' (who acknowledges) is required");
    }
    Optional<Ack> existing = of(alert);
    if (existing.isPresent()) {
      return existing.get();
    }
    Ack ack =
        new Ack(
            alert.fingerprint(),
            alert.startsAt(),
            by,
            comment == null ? "" : comment,
            clock.millis());
    if (journal != null) {
      journal.append(encode(ack));
    }
    byFingerprint.put(ack.fingerprint(), ack);
    return ack;
  }

  /** The acknowledgement of this episode of {@code alert}, if any. */
  public synchronized Optional<Ack> of(Alert alert) {
    Ack a = byFingerprint.get(alert.fingerprint());
    return a != null && a.startsAt() == alert.startsAt() ? Optional.of(a) : Optional.empty();
  }

  public synchronized List<Ack> list() {
    List<Ack> out = new ArrayList<>(byFingerprint.values());
    out.sort(Comparator.comparingLong(Ack::at).thenComparing(Ack::fingerprint));
    return out;
  }

  private static String encode(Ack a) {
    return MAPPER
        .createObjectNode()
        .put("fingerprint", a.fingerprint())
        .put("startsAt", a.startsAt())
        .put("by", a.by())
        .put("comment", a.comment())
        .put("at", a.at())
        .toString();
  }

  private static Ack decode(String record) {
    try {
      JsonNode n = MAPPER.readTree(record);
      return new Ack(
          n.path("fingerprint").asText(),
          n.path("startsAt").asLong(),
          n.path("by").asText(),
          n.path("comment").asText(),
          n.path("at").asLong());
    } catch (IOException e) {
      throw new IllegalStateException("corrupt ack record: " + record, e);
    }
  }
}
