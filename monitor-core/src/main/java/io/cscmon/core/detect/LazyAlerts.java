package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import java.util.ArrayList;
import java.util.List;

/**
 * Alert lists made only when there is something to put in them: a detector's per-event path runs
 * millions of times and mostly has nothing to say, so it carries {@code null} until then.
 */
final class LazyAlerts {
  private LazyAlerts() {}

  /** {@code out} with {@code more} added; a new list only if {@code out} was none. */
  static List<Alert> add(List<Alert> out, List<Alert> more) {
    if (more.isEmpty()) {
      return out;
    }
    List<Alert> all = out == null ? new ArrayList<>() : out;
    all.addAll(more);
    return all;
  }

  /** The list to return: {@code out}, or the empty one. */
  static List<Alert> orEmpty(List<Alert> out) {
    return out == null ? List.of() : out;
  }
}
