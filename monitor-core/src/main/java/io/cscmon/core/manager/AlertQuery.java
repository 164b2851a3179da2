package io.cscmon.core.manager;

import io.cscmon.core.alert.Alert;
import java.util.List;

/** Read access to the current alerts, for the HTTP API. */
public interface AlertQuery {

  /** The alerts firing now, newest {@code startsAt} first. */
  List<Alert> active();

  /** {@link #active()} followed by the recently resolved alerts, latest {@code endsAt} first. */
  List<Alert> all();

  /**
   * Whether an inhibit rule or a {@code root_cause} tie mutes this firing alert now; {@code false}
   * where nothing routes the alerts (no inhibition is configured).
   */
  default boolean inhibited(Alert alert) {
    return false;
  }
}
