package io.cscmon.flink.serial;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Field writers shared by the compact serializers. A string starts with a variable-length header
 * (seven bits a byte, low bits first): 0 for null; {@code 2n + 1} for a string of {@code n} chars
 * that all fit one byte (Latin-1), followed by those bytes, read and written as one block; 2 for
 * any other string, followed by it as {@link StringValue} writes it (a length, then the chars one
 * by one). {@code StringValue} alone went char by char through the stream on both sides, ~7 % of a
 * warm replay's CPU (docs/benchmarks.md, round 5). Enums go as one byte, 0 for null and the ordinal
 * + 1 otherwise — the order of the constants is part of the format, which no state holds, so a
 * reordering only has to be the same on every task manager of a job.
 */
final class Fields {
  private Fields() {}

  private static final int NULL = 0;
  private static final int OTHER = 2;

  /** Longer strings take the {@code StringValue} way, so that {@code 2n + 1} stays an int. */
  private static final int MAX_BYTE_STRING = 1 << 24;

  /**
   * Below this many bytes a string is read eight bytes at a time ({@link #readShort}): {@code
   * readFully} copies through {@code Unsafe.copyMemory}, whose argument checks cost more than the
   * copy of the few bytes of a name or an id (3.6 % of a warm replay's samples, round 7).
   */
  private static final int SHORT_STRING = 64;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Strings read with {@link #readName}, the values of small sets, shared by every thread. */
  private static final InternedNames NAMES = new InternedNames();

  static void writeString(String s, DataOutputView out) throws IOException {
    if (s == null) {
      out.writeByte(NULL);
      return;
    }
    int n = s.length();
    if (n <= MAX_BYTE_STRING && isLatin1(s, n)) {
      writeHeader((n << 1) | 1, out);
      out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    } else {
      out.writeByte(OTHER);
      StringValue.writeString(s, out);
    }
  }

  static String readString(DataInputView in) throws IOException {
    int header = readHeader(in);
    if ((header & 1) == 0) {
      return readNullOrOther(header, in);
    }
    return new String(readBytes(header, in), StandardCharsets.ISO_8859_1);
  }

  /**
   * A string written by {@link #writeString} whose values come from a small set (center, channel,
   * queue, component, KPI, ...): the same {@code String} instance comes back for the same value,
   * its hash already computed, so the key selector and the keyed state downstream neither hash it
   * again nor compare it char by char. Not for free-form or per-caller values (call ids, numbers,
   * addresses): they would only churn the bounded cache.
   */
  static String readName(DataInputView in) throws IOException {
    int header = readHeader(in);
    if ((header & 1) == 0) {
      return readNullOrOther(header, in);
    }
    byte[] bytes = readBytes(header, in);
    return bytes.length <= InternedNames.MAX_LENGTH
        ? NAMES.intern(bytes)
        : new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static boolean isLatin1(String s, int n) {
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  private static String readNullOrOther(int header, DataInputView in) throws IOException {
    if (header == NULL) {
      return null;
    }
    if (header != OTHER) {
      throw new IOException("corrupt stream: string header " + header);
    }
    return StringValue.readString(in);
  }

  private static byte[] readBytes(int header, DataInputView in) throws IOException {
    int n = header >>> 1;
    if (n > MAX_BYTE_STRING) {
      throw new IOException("corrupt stream: string of " + n + " bytes");
    }
    byte[] bytes = new byte[n];
    if (n < SHORT_STRING) {
      readShort(bytes, in);
    } else {
      in.readFully(bytes);
    }
    return bytes;
  }

  /** {@code in.readFully(bytes)} for a few bytes: big-endian longs, as they were written. */
  private static void readShort(byte[] bytes, DataInputView in) throws IOException {
    int n = bytes.length;
    int i = 0;
    for (; i + Long.BYTES <= n; i += Long.BYTES) {
      LONGS.set(bytes, i, in.readLong());
    }
    for (; i < n; i++) {
      bytes[i] = in.readByte();
    }
  }

  private static void writeHeader(int header, DataOutputView out) throws IOException {
    while (header >= 0x80) {
      out.writeByte(header | 0x80);
      header >>>= 7;
    }
    out.writeByte(header);
  }

  private static int readHeader(DataInputView in) throws IOException {
    int b = in.readUnsignedByte();
    if (b < 0x80) {
      return b; // strings up to 63 chars: one byte
    }
    int header = b & 0x7F;
    for (int shift = 7; ; shift += 7) {
      if (shift > 28) {
        throw new IOException("corrupt stream: string header past 32 bits");
      }
      b = in.readUnsignedByte();
      header |= (b & 0x7F) << shift;
      if (b < 0x80) {
        return header;
      }
    }
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

  /** An array written by {@link #writeStrings}, its elements read as {@link #readName}. */
  static String[] readNames(DataInputView in) throws IOException {
    int n = arrayLength(in);
    if (n < 0) {
      return null;
    }
    String[] a = new String[n];
    for (int i = 0; i < n; i++) {
      a[i] = readName(in);
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
