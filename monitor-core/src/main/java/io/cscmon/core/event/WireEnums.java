package io.cscmon.core.event;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Lookup of enum constants by their snake_case wire names. */
final class WireEnums {
  private WireEnums() {}

  static <E extends Enum<E>> Optional<E> lookup(E[] values, String wire, Function<E, String> name) {
    if (wire == null) {
      return Optional.empty();
    }
    for (E value : values) {
      if (name.apply(value).equals(wire)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  static <E extends Enum<E>> String wireName(E value) {
    return value.name().toLowerCase(java.util.Locale.ROOT);
  }

  static <E extends Enum<E>> String allowed(E[] values) {
    return Arrays.stream(values).map(WireEnums::wireName).collect(Collectors.joining(", "));
  }
}
