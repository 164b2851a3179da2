package io.cscmon.core.event;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Lookup of enum constants by their snake_case wire names. The names, the lookup table and the
 * "allowed" list are computed once per enum class: the parser asks for them on every event line,
 * and recomputing them (lower-casing, joining) was a visible share of the replay profile. Public
 * for the parser, which looks names up by class, and straight from the characters of a line.
 */
public final class WireEnums {
  private WireEnums() {}

  /** Per enum class: wire names by ordinal, wire name to constant, and the joined list. */
  private record Table(
      Enum<?>[] constants,
      String[] names,
      char[][] nameChars,
      Map<String, Enum<?>> byName,
      String allowed) {}

  private static final ClassValue<Table> TABLES =
      new ClassValue<>() {
        @Override
        protected Table computeValue(Class<?> type) {
          Enum<?>[] constants = (Enum<?>[]) type.getEnumConstants();
          String[] names = new String[constants.length];
          char[][] nameChars = new char[constants.length][];
          Map<String, Enum<?>> byName = new HashMap<>();
          for (Enum<?> constant : constants) {
            names[constant.ordinal()] = constant.name().toLowerCase(java.util.Locale.ROOT);
            nameChars[constant.ordinal()] = names[constant.ordinal()].toCharArray();
            byName.put(names[constant.ordinal()], constant);
          }
          return new Table(
              constants,
              names,
              nameChars,
              Map.copyOf(byName),
              Arrays.stream(names).collect(Collectors.joining(", ")));
        }
      };

  private static Table table(Class<?> type) {
    return TABLES.get(type);
  }

  /** The constant of {@code type} whose wire name is {@code wire}. */
  public static <E extends Enum<E>> Optional<E> lookup(Class<E> type, String wire) {
    return wire == null
        ? Optional.empty()
        : Optional.ofNullable(type.cast(table(type).byName().get(wire)));
  }

  static <E extends Enum<E>> String wireName(E value) {
    return table(value.getDeclaringClass()).names()[value.ordinal()];
  }

  /**
   * The constant of {@code type} whose wire name is {@code text[from, to)}, or {@code null}; no
   * string is made of the characters (a linear scan: these enums have at most six constants, and
   * the length alone tells most of them apart).
   */
  public static <E extends Enum<E>> E find(Class<E> type, char[] text, int from, int to) {
    Table table = table(type);
    char[][] names = table.nameChars();
    int length = to - from;
    for (int i = 0; i < names.length; i++) {
      if (names[i].length == length && Arrays.equals(names[i], 0, length, text, from, to)) {
        return type.cast(table.constants()[i]);
      }
    }
    return null;
  }

  /** The wire names of {@code type}'s constants, comma-separated, for error messages. */
  public static <E extends Enum<E>> String allowed(Class<E> type) {
    return table(type).allowed();
  }
}
