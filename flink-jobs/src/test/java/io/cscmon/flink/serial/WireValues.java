package io.cscmon.flink.serial;

import java.util.SplittableRandom;

/** Field values for the serializer tests: nulls, extremes and unicode among ordinary ones. */
final class WireValues {
  private WireValues() {}

  /** Empty, CJK, a surrogate pair, a lone surrogate, NUL, a length past one and two bytes. */
  static final String[] ODD_STRINGS = {
    "", "默认中心", "客服 😀 emoji", "\uD800 lone", "\u0000nul", "é".repeat(200), "z".repeat(70_000)
  };

  static final long[] ODD_LONGS = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 127, 128, -129};

  static final double[] ODD_DOUBLES = {
    0.0,
    -0.0,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MIN_VALUE,
    Double.MAX_VALUE,
    -1e-300
  };

  static String string(SplittableRandom r) {
    if (r.nextInt(4) == 0) {
      return ODD_STRINGS[r.nextInt(ODD_STRINGS.length - 1)]; // not the 70k one every time
    }
    int length = r.nextInt(0, 24);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      // Mostly ASCII (one byte each), some anywhere in the BMP (two or three).
      sb.append(r.nextInt(5) == 0 ? (char) r.nextInt(0x80, 0x10000) : (char) r.nextInt(0x20, 0x7f));
    }
    return sb.toString();
  }

  static String nullableString(SplittableRandom r) {
    return r.nextInt(4) == 0 ? null : string(r);
  }

  static long anyLong(SplittableRandom r) {
    return r.nextBoolean() ? ODD_LONGS[r.nextInt(ODD_LONGS.length)] : r.nextLong();
  }

  static Long nullableLong(SplittableRandom r) {
    return r.nextInt(3) == 0 ? null : anyLong(r);
  }

  static double anyDouble(SplittableRandom r) {
    return r.nextBoolean() ? ODD_DOUBLES[r.nextInt(ODD_DOUBLES.length)] : r.nextDouble() * 1e6;
  }

  static Double nullableDouble(SplittableRandom r) {
    return r.nextInt(3) == 0 ? null : anyDouble(r);
  }

  static <E extends Enum<E>> E nullableEnum(E[] values, SplittableRandom r) {
    int i = r.nextInt(values.length + 1);
    return i == values.length ? null : values[i];
  }

  static String[] nullableStrings(SplittableRandom r) {
    int n = r.nextInt(-1, 5);
    if (n < 0) {
      return null;
    }
    String[] a = new String[n];
    for (int i = 0; i < n; i++) {
      a[i] = nullableString(r);
    }
    return a;
  }

  static double[] nullableDoubles(SplittableRandom r) {
    int n = r.nextInt(-1, 5);
    if (n < 0) {
      return null;
    }
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = anyDouble(r);
    }
    return a;
  }
}
