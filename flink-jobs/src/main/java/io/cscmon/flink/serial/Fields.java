package io.cscmon.flink.serial;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Field writers shared by the compact serializers. Strings go as {@link StringValue} does (a
 * variable-length length, null included, then the chars, one byte each below 128); enums as one
 * byte, 0 for null and the ordinal + 1 otherwise — the order of the constants is part of the
 * format, which no state holds, so a reordering only has to be the same on every task manager of a
 * job.
 */
final class Fields {
  private Fields() {}

  static void writeString(String s, DataOutputView out) throws IOException {
    StringValue.writeString(s, out);
  }

  static String readString(DataInputView in) throws IOException {
    return StringValue.readString(in);
  }

  static void writeEnum(Enum<?> e, DataOutputView out) throws IOException {
    out.writeByte(e == null ? 0 : e.ordinal() + 1);
  }

  /**
   * @param values the enum's {@code values()}, at most 255 of them
   */
  static <E extends Enum<E>> E readEnum(E[] values, DataInputView in) throws IOException {
    int b = in.readUnsignedByte();
    if (b > values.length) {
      throw new IOException(
          "corrupt stream: enum byte " + b + " for " + values.length + " constants");
    }
    return b == 0 ? null : values[b - 1];
  }

  /** An array of strings, or null: its length + 1 (0 for null), then each string. */
  static void writeStrings(String[] a, DataOutputView out) throws IOException {
    if (a == null) {
      out.writeInt(0);
      return;
    }
    out.writeInt(a.length + 1);
    for (String s : a) {
      writeString(s, out);
    }
  }

  static String[] readStrings(DataInputView in) throws IOException {
    int n = arrayLength(in);
    if (n < 0) {
      return null;
    }
    String[] a = new String[n];
    for (int i = 0; i < n; i++) {
      a[i] = readString(in);
    }
    return a;
  }

  /** The length written by {@link #writeStrings} or {@link #writeDoubles}, -1 for null. */
  private static int arrayLength(DataInputView in) throws IOException {
    int n = in.readInt() - 1;
    if (n < -1) {
      throw new IOException("corrupt stream: array length " + n);
    }
    return n;
  }

  /** An array of doubles, or null, as {@link #writeStrings}. */
  static void writeDoubles(double[] a, DataOutputView out) throws IOException {
    if (a == null) {
      out.writeInt(0);
      return;
    }
    out.writeInt(a.length + 1);
    for (double d : a) {
      out.writeDouble(d);
    }
  }

  static double[] readDoubles(DataInputView in) throws IOException {
    int n = arrayLength(in);
    if (n < 0) {
      return null;
    }
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readDouble();
    }
    return a;
  }
}
