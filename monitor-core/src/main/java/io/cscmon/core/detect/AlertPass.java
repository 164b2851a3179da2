package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import java.io.Serializable;
import java.util.List;

/**
 * A stage that alerts pass through after their detectors, keyed by some label (the multi-center
 * outage levels by component, root-cause tagging by center): it sees each alert state change once,
 * returns what to emit instead (the alert, changed or not, and any earlier alerts it now changes),
 * and may ask for a timer. The operator clears a key's state once {@link #isEmpty} says nothing is
 * left to remember.
 *
 * @param <S> the per-key state (a POJO with public fields, kept in Flink keyed state)
 */
public interface AlertPass<S> extends Serializable {

  S newState();

  List<Alert> onAlert(S state, Alert alert);

  /** Time passes without alerts; by default nothing happens. */
  default List<Alert> onTimer(S state, long now) {
    return List.of();
  }

  /** Event time of the next timer after {@code now}, or {@link Long#MAX_VALUE} for none. */
  default long nextTimer(S state, long now) {
    return Long.MAX_VALUE;
  }

  /** Nothing is open: the key's state can go. */
  boolean isEmpty(S state);

  Class<S> stateClass();
}
