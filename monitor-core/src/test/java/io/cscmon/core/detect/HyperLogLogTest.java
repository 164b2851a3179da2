package io.cscmon.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link HyperLogLog}'s rank histogram (a transient cache kept up by {@code add} and {@code clear})
 * against a copy holding only the registers, as Flink's restore or copy leaves it.
 */
class HyperLogLogTest {

  @Test
  void theKeptHistogramEstimatesAsTheRegistersDo() {
    for (int p : new int[] {4, 8, 12}) { // p = 4 reaches ranks above 36: the sequential sum
      Random r = new Random(p);
      HyperLogLog kept = new HyperLogLog(p);
      for (int round = 0; round < 30; round++) {
        int adds = r.nextInt(20_000);
        for (int i = 0; i < adds; i++) {
          kept.add(Hash64.mix(r.nextLong() % (1 + r.nextInt(5_000))));
        }
        HyperLogLog restored = new HyperLogLog();
        restored.p = kept.p;
        restored.registers = kept.registers.clone();
        assertThat(kept.estimate()).as("p %d, round %d", p, round).isEqualTo(restored.estimate());
        if (r.nextInt(4) == 0) {
          kept.clear();
          assertThat(kept.estimate()).isZero();
        }
      }
    }
  }
}
