package io.cscmon.flink.operators;

import org.apache.flink.api.common.functions.FilterFunction;

/**
 * The head of a chain on the far side of a keyed edge that several keyed operators read, passing
 * every record on. Each reader is keyed by the same key selector as the edge, reinterpreted ({@code
 * DataStreamUtils.reinterpretAsKeyedStream}): the records already are on the subtask of their key,
 * so the readers are chained behind this head and a record crosses once, however many of them read
 * it. Reading the keyed stream directly would give each reader an edge of its own, and the record
 * would be serialized, sent and read once per reader (issue 11: keyBy fan-out).
 */
public final class KeyedFanOut<T> implements FilterFunction<T> {
  @Override
  public boolean filter(T record) {
    return true;
  }
}
