package io.cscmon.core.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.journal.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications accepted for delivery and not yet delivered, on disk: a {@link Journal} of {@code
 * add} records (receiver and the whole webhook body) and {@code done} records (delivered, rejected
 * or expired). {@link #add} returns only once the record is forced to disk, so a notification the
 * dispatcher has handed over survives {@code kill -9}; on open, every {@code add} without its
 * {@code done} is pending again and {@link DurableNotifier} sends it (at least once: a notification
 * delivered just before a crash, whose {@code done} did not reach the disk, is sent again with the
 * same {@code Webhook-Id}, for the receiver to drop).
 *
 * <p>The journal is compacted (rewritten with the pending entries only) on open and whenever the
 * number of records appended since the last compaction exceeds {@link #COMPACT_AFTER} while few are
 * pending.
 */
public final class Outbox implements AutoCloseable {

  static final int COMPACT_AFTER = 10_000;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  /**
   * One pending notification; {@code seq} orders them, {@code at} is when it was accepted, {@code
   * receiver} is the key of the notifier that sends it.
   */
  public record Entry(long seq, String receiver, WebhookMessage message, long at) {}

  private final Journal journal;
  private final AlertJson json;
  private final Clock clock;
  private final Map<Long, Entry> pending = new LinkedHashMap<>();
  private long nextSeq = 1;
  private final AtomicLong writeFailures = new AtomicLong();

  public Outbox(Journal journal, AlertJson json, Clock clock) {
    this.journal = journal;
    this.json = json;
    this.clock = clock;
    for (String record : journal.recovered()) {
      replay(record);
    }
    compact();
  }

  /**
   * Records a notification and forces it to disk.
   *
   * @throws UncheckedIOException when the journal cannot be written (disk full, file too large):
   *     the notification is then not in the outbox, and the caller decides what to do with it
   */
  public synchronized Entry add(String receiver, WebhookMessage message) {
    Entry entry = new Entry(nextSeq++, receiver, message, clock.millis());
    append(
        MAPPER
            .createObjectNode()
            .put("op", "add")
            .put("seq", entry.seq())
            .put("receiver", receiver)
            .put("at", entry.at())
            .put("body", json.encode(message))
            .toString());
    pending.put(entry.seq(), entry);
    return entry;
  }

  /** Records that the entry needs no more attempts: {@code result} says why. */
  public void done(Entry entry, DeliveryResult result, String why) {
    done(List.of(entry), result, why);
  }

  /**
   * Records that the entries, carried by one message, need no more attempts, in one record: a crash
   * leaves all of them pending or none, so that after a restart a merged message is sent again
   * whole or not at all, never in part beside notifications it already delivered.
   */
  public synchronized void done(List<Entry> entries, DeliveryResult result, String why) {
    List<Long> seqs = new ArrayList<>();
    for (Entry e : entries) {
      if (pending.remove(e.seq()) != null) {
        seqs.add(e.seq());
      }
    }
    if (seqs.isEmpty()) {
      return;
    }
    var record = MAPPER.createObjectNode().put("op", "done");
    if (seqs.size() == 1) {
      record.put("seq", seqs.get(0));
    } else {
      seqs.forEach(record.putArray("seqs")::add);
    }
    record.put("result", result.name().toLowerCase(java.util.Locale.ROOT)).put("why", why);
    // A lost "done" only means the entries are sent again after a restart.
    try {
      append(record.toString());
      if (journal.appendedSinceRewrite() > COMPACT_AFTER && pending.size() < COMPACT_AFTER / 10) {
        compact();
      }
    } catch (UncheckedIOException e) {
      LOG.error(
          "outbox {}: cannot record notifications {} as {}: {}; they will be sent again after a"
              + " restart",
          journal.file(),
          seqs,
          result,
          rootMessage(e));
    }
  }

  /** Appends to the journal, counting failures: a disk that is full fails every append. */
  private void append(String record) {
    try {
      journal.append(record);
    } catch (UncheckedIOException e) {
      writeFailures.incrementAndGet();
      throw e;
    }
  }

  /** Journal writes that failed since start ({@code cscmon_outbox_write_failures_total}). */
  public long writeFailures() {
    return writeFailures.get();
  }

  public Path file() {
    return journal.file();
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** The receiver's pending entries, oldest first. */
  public synchronized List<Entry> pending(String receiver) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : pending.values()) {
      if (e.receiver().equals(receiver)) {
        out.add(e);
      }
    }
    return out;
  }

  public synchronized int pendingCount() {
    return pending.size();
  }

  private void replay(String record) {
    try {
      JsonNode n = MAPPER.readTree(record);
      long seq = n.path("seq").asLong();
      nextSeq = Math.max(nextSeq, seq + 1);
      if ("add".equals(n.path("op").asText())) {
        pending.put(
            seq,
            new Entry(
                seq,
                n.path("receiver").asText(),
                AlertJson.decodeMessage(n.path("body").asText()),
                n.path("at").asLong()));
      } else if (n.has("seqs")) {
        n.path("seqs").forEach(s -> pending.remove(s.asLong()));
      } else {
        pending.remove(seq);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          journal.file() + ": corrupt outbox record: " + e.getMessage(), e);
    }
  }

  private void compact() {
    List<String> records = new ArrayList<>();
    for (Entry e : pending.values()) {
      records.add(
          MAPPER
              .createObjectNode()
              .put("op", "add")
              .put("seq", e.seq())
              .put("receiver", e.receiver())
              .put("at", e.at())
              .put("body", json.encode(e.message()))
              .toString());
    }
    journal.rewrite(records);
  }

  @Override
  public void close() {
    journal.close();
  }
}
