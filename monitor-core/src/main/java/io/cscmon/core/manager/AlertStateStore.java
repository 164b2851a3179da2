package io.cscmon.core.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.journal.Journal;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert manager's state across restarts ({@code STATE_DIR/alert-state.ndjson}): the alerts and
 * what each group's receivers were told, so that after a restart an alert the rules raise again is
 * not notified again, and one that resolves is still notified as resolved.
 *
 * <p>One record, the whole state, replaced atomically ({@link Journal#rewrite}) after every
 * accepted change and after every timer tick that changed it. The state is small (the firing
 * alerts, a thousand resolved ones at most) and changes a few times a minute, so writing it whole
 * is simpler than a log of deltas and just as durable: the notifications themselves are already in
 * the outbox before the state that says they were sent is written, so a crash between the two
 * repeats a notification (same {@code Webhook-Id}) rather than losing one.
 */
public final class AlertStateStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertStateStore.class);

  /** Bumped when the record's form changes incompatibly; another version is not read. */
  static final int VERSION = 1;

  private final Journal journal;
  private final AlertManager manager;
  private final RoutingDispatcher dispatcher;
  private String written;

  /**
   * Restores {@code manager} and {@code dispatcher} from the journal's record, if any, and writes
   * their state from then on. An unreadable record is logged and the service starts afresh (the
   * rules raise what still fires).
   */
  public AlertStateStore(Journal journal, AlertManager manager, RoutingDispatcher dispatcher) {
    this.journal = journal;
    this.manager = manager;
    this.dispatcher = dispatcher;
    if (!journal.recovered().isEmpty()) {
      String last = journal.recovered().get(journal.recovered().size() - 1);
      try {
        JsonNode state = AlertCodec.MAPPER.readTree(last);
        if (state.path("version").asInt() != VERSION) {
          throw new IllegalArgumentException(
              "version " + state.path("version") + " is not " + VERSION);
        }
        manager.restore(state.path("manager"));
        dispatcher.restore(state.path("dispatcher"));
        written = last;
        LOG.info(
            "alert state restored from {}: {} firing alerts",
            journal.file(),
            manager.active().size());
      } catch (IOException | RuntimeException e) {
        LOG.error(
            "{}: the alert state cannot be read ({}); starting without it",
            journal.file(),
            e.toString());
        manager.restore(AlertCodec.MAPPER.createObjectNode());
        dispatcher.restore(AlertCodec.MAPPER.createObjectNode());
      }
    }
    manager.afterChange(this::save);
  }

  /** Writes the state if it changed since it was last written. */
  public void save() {
    synchronized (manager) { // the manager's lock, then the dispatcher's: the order receive() takes
      ObjectNode state = AlertCodec.MAPPER.createObjectNode().put("version", VERSION);
      state.set("manager", manager.snapshot());
      state.set("dispatcher", dispatcher.snapshot());
      String text = state.toString();
      if (text.equals(written)) {
        return;
      }
      try {
        journal.rewrite(java.util.List.of(text));
        written = text;
      } catch (RuntimeException e) {
        // The alert path goes on; the next change or tick tries again.
        LOG.error("{}: the alert state could not be written: {}", journal.file(), e.toString());
      }
    }
  }

  @Override
  public void close() {
    save();
    journal.close();
  }
}
