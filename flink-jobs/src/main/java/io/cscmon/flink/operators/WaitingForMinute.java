package io.cscmon.flink.operators;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.api.common.state.ListState;

/**
 * Records that wait in keyed state until the watermark closes their minute: one window subtask can
 * run minutes of event time ahead of another, so a keyed operator that meets several scopes' counts
 * of one minute takes them only when an event-time timer at the minute's end says all have come
 * ({@link TopicMixFunction}, {@link TopicSurgeFunction}).
 */
final class WaitingForMinute {
  private WaitingForMinute() {}

  /**
   * The waiting records that are {@code due}, in arrival order; the others keep waiting (none left:
   * the state is cleared).
   */
  static <T> List<T> take(ListState<T> waiting, Predicate<T> due) throws Exception {
    List<T> taken = new ArrayList<>();
    List<T> later = new ArrayList<>();
    for (T record : waiting.get()) {
      (due.test(record) ? taken : later).add(record);
    }
    if (later.isEmpty()) {
      waiting.clear();
    } else {
      waiting.update(later);
    }
    return taken;
  }
}
