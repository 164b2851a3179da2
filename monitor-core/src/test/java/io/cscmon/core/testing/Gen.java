package io.cscmon.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of random test values: a function of the random source, so that a seed reproduces
 * everything it drew. Just enough combinators for {@link HostileLines}; bounds are inclusive.
 */
@FunctionalInterface
public interface Gen<T> {

  T next(SplittableRandom random);

  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return r -> f.apply(next(r));
  }

  /** Lists of {@code min} to {@code max} elements, each drawn from this generator. */
  default Gen<List<T>> list(int min, int max) {
    return r -> {
      int size = r.nextInt(min, max + 1);
      List<T> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        out.add(next(r));
      }
      return out;
    };
  }

  /** Draws again until {@code accept} holds; gives up loudly rather than looping forever. */
  default Gen<T> filter(Predicate<? super T> accept) {
    return r -> {
      for (int attempt = 0; attempt < 10_000; attempt++) {
        T value = next(r);
        if (accept.test(value)) {
          return value;
        }
      }
      throw new IllegalStateException("filter rejected 10000 values in a row");
    };
  }

  static <T> Gen<T> just(T value) {
    return r -> value;
  }

  static Gen<Integer> between(int min, int max) {
    return r -> r.nextInt(min, max + 1);
  }

  static Gen<Long> between(long min, long max) {
    return r -> r.nextLong(min, max + 1);
  }

  /** One of {@code values}, each equally likely. */
  static <T> Gen<T> of(List<T> values) {
    List<T> copy = List.copyOf(values);
    return r -> copy.get(r.nextInt(copy.size()));
  }

  @SafeVarargs
  static <T> Gen<T> of(T... values) {
    return of(List.of(values));
  }

  /** Draws from one of {@code gens}, each equally likely. */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> copy = List.of(gens);
    return r -> copy.get(r.nextInt(copy.size())).next(r);
  }

  /** A generator with its relative weight, for {@link #frequency}. */
  record Weighted<T>(int weight, Gen<? extends T> gen) {}

  static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
    return new Weighted<>(weight, gen);
  }

  /** Draws from one of {@code choices}, each with probability weight / sum of weights. */
  @SafeVarargs
  static <T> Gen<T> frequency(Weighted<T>... choices) {
    List<Weighted<T>> copy = List.of(choices);
    int total = copy.stream().mapToInt(Weighted::weight).sum();
    return r -> {
      int pick = r.nextInt(total);
      for (Weighted<T> c : copy) {
        pick -= c.weight;
        if (pick < 0) {
          return c.gen.next(r);
        }
      }
      throw new AssertionError("unreachable: pick below the total weight");
    };
  }

  /**
   * Strings of 0 to {@code maxLength} chars, each in [from, to] and not one of {@code excluded}.
   */
  static Gen<String> strings(char from, char to, String excluded, int maxLength) {
    return r -> {
      int length = r.nextInt(maxLength + 1);
      StringBuilder sb = new StringBuilder(length);
      while (sb.length() < length) {
        char c = (char) r.nextInt(from, to + 1);
        if (excluded.indexOf(c) < 0) {
          sb.append(c);
        }
      }
      return sb.toString();
    };
  }
}
