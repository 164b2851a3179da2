package io.cscmon.flink.serial;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The common part of the compact serializers of the records that cross the job's keyed edges. The
 * records are immutable (the job runs with object reuse on that promise), so by default a copy is
 * the record itself and a "reused" instance is never filled in; a serializer of a mutable type
 * overrides {@link #isImmutableType} and {@link #copy(Object)}. The serializers hold no state, so
 * one instance serves every thread. A subclass writes the fields positionally — no class tag, no
 * per-field null byte, no reflection, unlike Flink's {@code PojoSerializer}, which was ~12 % of a
 * warm replay's CPU (docs/benchmarks.md, "Serializers, round 4").
 *
 * <p>These serializers are for network edges only: no keyed or operator state uses them, so their
 * format may change between versions without a savepoint migration (every task manager of a job
 * runs the same version; the snapshot only names the serializer).
 */
abstract class CompactSerializer<T> extends TypeSerializer<T> {

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public final TypeSerializer<T> duplicate() {
    return this; // stateless
  }

  @Override
  public T copy(T from) {
    return from;
  }

  @Override
  public final T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public final int getLength() {
    return -1;
  }

  @Override
  public final T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public final void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public final int hashCode() {
    return getClass().hashCode();
  }
}
