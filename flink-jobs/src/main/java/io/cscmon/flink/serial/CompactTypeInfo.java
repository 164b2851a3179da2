package io.cscmon.flink.serial;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of a stream whose records go through a {@link CompactSerializer}; given where the stream
 * is declared (see {@link CompactTypes}), never by annotation, so that the keyed state holding the
 * same classes keeps the serializer its savepoints were written with. Not a key type: the job keys
 * by strings its key selectors derive.
 */
public final class CompactTypeInfo<T> extends TypeInformation<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private final CompactSerializer<T> serializer;

  CompactTypeInfo(Class<T> type, CompactSerializer<T> serializer) {
    this.type = type;
    this.serializer = serializer;
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return serializer;
  }

  @Override
  public String toString() {
    return "Compact<" + type.getName() + ">";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompactTypeInfo<?> other
        && other.type == type
        && other.serializer.equals(serializer);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof CompactTypeInfo;
  }
}
