package io.cscmon.core.parse;

/**
 * Comparing and hashing a range of a line's characters against known names without making a string
 * of them. Plain loops: the names are short, and {@code Arrays.equals} checks its ranges first.
 */
final class Chars {
  private Chars() {}

  /** Whether {@code text[from, to)} holds exactly the characters of {@code name}. */
  static boolean same(char[] name, char[] text, int from, int to) {
    if (name.length != to - from) {
      return false;
    }
    for (int i = 0; i < name.length; i++) {
      if (name[i] != text[from + i]) {
        return false;
      }
    }
    return true;
  }

  /** The {@link String#hashCode()} the characters {@code text[from, to)} would have. */
  static int hash(char[] text, int from, int to) {
    int hash = 0;
    for (int i = from; i < to; i++) {
      hash = 31 * hash + text[i];
    }
    return hash;
  }
}
