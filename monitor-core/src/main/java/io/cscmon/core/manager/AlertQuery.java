package io.cscmon.core.manager;

import io.cscmon.core.alert.Alert;
import java.util.List;

/** Read access to the current alerts, for the HTTP API. */
public interface AlertQuery {

  /** The alerts firing now, newest {@code startsAt} first. */
  List<Alert> active();

  /** {@link #active()} followed by the recently resolved alerts, latest {@code endsAt} first. */
  List<Alert> all();
}
