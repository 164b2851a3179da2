package io.cscmon.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.journal.Journal;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who changed what through the API: one JSON line per changing call ({@code time}, {@code token}
 * (its name, never the token), {@code role}, {@code action}, {@code target}, {@code remote}, {@code
 * status}), appended to {@code STATE_DIR/audit.ndjson} and forced to disk before the entry counts
 * as written. The file is never compacted: it is the record. The latest entries are kept in memory
 * for {@code GET /api/v1/audit}.
 */
public final class AuditLog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** How many of the latest entries {@code GET /api/v1/audit} can show. */
  public static final int KEPT_IN_MEMORY = 10_000;

  /** One changing call. */
  public record Entry(
      String time,
      String token,
      String role,
      String action,
      String target,
      String remote,
      int status) {

    String toJson() {
      ObjectNode o =
          MAPPER
              .createObjectNode()
              .put("time", time)
              .put("token", token)
              .put("role", role)
              .put("action", action)
              .put("target", target)
              .put("remote", remote)
              .put("status", status);
      return o.toString();
    }

    static Entry fromJson(String line) throws JsonProcessingException {
      JsonNode n = MAPPER.readTree(line);
      return new Entry(
          n.path("time").asText(),
          n.path("token").asText(),
          n.path("role").asText(),
          n.path("action").asText(),
          n.path("target").asText(),
          n.path("remote").asText(),
          n.path("status").asInt());
    }
  }

  private final Journal journal;
  private final Clock clock;
  private final Deque<Entry> latest = new ArrayDeque<>();

  /** In memory only (tests, and an API without a state directory). */
  public AuditLog(Clock clock) {
    this(null, clock);
  }

  /**
   * @param journal {@code audit.ndjson}; its earlier entries are read back
   */
  public AuditLog(Journal journal, Clock clock) {
    this.journal = journal;
    this.clock = clock;
    if (journal != null) {
      for (String line : journal.recovered()) {
        try {
          remember(Entry.fromJson(line));
        } catch (JsonProcessingException e) {
          LOG.warn("{}: skipping an unreadable audit line: {}", journal.file(), e.getMessage());
        }
      }
    }
  }

  /** Appends an entry stamped now; returns it. */
  public Entry record(Principal who, String action, String target, String remote, int status) {
    Entry e =
        new Entry(
            clock.instant().toString(),
            who == null ? "" : who.name(),
            who == null ? "" : who.role().wireName(),
            action,
            target,
            remote,
            status);
    synchronized (this) {
      if (journal != null) {
        journal.append(e.toJson());
      }
      remember(e);
    }
    return e;
  }

  /** The latest {@code limit} entries, newest first. */
  public synchronized List<Entry> latest(int limit) {
    List<Entry> out = new ArrayList<>(Math.min(limit, latest.size()));
    Iterator<Entry> it = latest.descendingIterator();
    while (it.hasNext() && out.size() < limit) {
      out.add(it.next());
    }
    return out;
  }

  private void remember(Entry e) {
    latest.addLast(e);
    if (latest.size() > KEPT_IN_MEMORY) {
      latest.removeFirst();
    }
  }

  @Override
  public void close() {
    if (journal != null) {
      journal.close();
    }
  }
}
