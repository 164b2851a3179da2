package io.cscmon.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.testing.TestSeed;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Selection gives the median sorting gives, bit for bit. */
class MedianTest {
  @RegisterExtension static final TestSeed SEED = TestSeed.fromSystemProperty();

  private static double bySorting(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  @Test
  void sameBitsAsSortingForEverySizeAndShape() {
    double[] pool = {0.0, -0.0, 1.5, -1.5, 7, 7, 1e-300, -1e300, Double.MAX_VALUE, 3};
    for (int round = 0; round < 20_000; round++) {
      SplittableRandom r = SEED.random(round);
      int n = 1 + r.nextInt(80);
      double[] v = new double[n];
      int shape = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        v[i] =
            switch (shape) {
              case 0 -> pool[r.nextInt(pool.length)]; // many duplicates, signed zeros
              case 1 -> i; // already sorted
              case 2 -> n - i; // reversed
              default -> (float) (r.nextDouble() * 100); // the floats the rings keep
            };
      }
      double expected = bySorting(v);

      double actual = Median.of(v.clone());

      assertThat(Double.doubleToRawLongBits(actual))
          .as("round %d: %s", round, Arrays.toString(v))
          .isEqualTo(Double.doubleToRawLongBits(expected));
    }
  }

  @Test
  void selectPartitionsAroundTheKthValue() {
    SplittableRandom r = SEED.random(-1);
    for (int n = 1; n <= 40; n++) {
      for (int k = 0; k < n; k++) {
        double[] v = r.doubles(n, 0, 10).map(Math::floor).toArray();
        double[] sorted = v.clone();
        Arrays.sort(sorted);

        Median.select(v, k);

        assertThat(v[k]).isEqualTo(sorted[k]);
        for (int i = 0; i < n; i++) {
          assertThat(i < k ? v[i] <= v[k] : v[i] >= v[k]).as("n %d, k %d, i %d", n, k, i).isTrue();
        }
      }
    }
  }
}
