package io.cscmon.flink.operators;

import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperator;

/** What keyed state an operator under a test harness still holds: cleaned-up state is none. */
final class KeyedStateEntries {
  private KeyedStateEntries() {}

  /** The entries of every keyed state of {@code operator} (the harness's heap backend). */
  static int of(StreamOperator<?> operator) {
    AbstractStreamOperator<?> keyed = (AbstractStreamOperator<?>) operator;
    return ((HeapKeyedStateBackend<?>) keyed.getKeyedStateBackend()).numKeyValueStateEntries();
  }
}
