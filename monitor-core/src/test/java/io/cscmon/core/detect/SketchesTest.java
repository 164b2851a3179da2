package io.cscmon.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SketchesTest {

  @Test
  void countMinNeverUndercountsAndStaysWithinItsBound() {
    CountMinSketch cms = new CountMinSketch(4, 1 << 12);
    Map<String, Long> truth = new HashMap<>();
    Random r = new Random(1);
    long total = 0;
    for (int i = 0; i < 200_000; i++) {
      String k = "k" + (int) (20_000 * Math.pow(r.nextDouble(), 3)); // skewed, like real sources
      cms.add(Hash64.of(k), 1);
      truth.merge(k, 1L, Long::sum);
      total++;
    }
    int beyond = 0;
    for (Map.Entry<String, Long> e : truth.entrySet()) {
      long est = cms.estimate(Hash64.of(e.getKey()));
      assertThat(est).isGreaterThanOrEqualTo(e.getValue());
      if (est - e.getValue() > Math.E / (1 << 12) * total) {
        beyond++;
      }
    }
    assertThat(beyond).isLessThan(truth.size() / 50); // e^-4 ≈ 2% may exceed the bound
  }

  @Test
  void countMinClearZeroesEveryCellWhetherFewManyOrUnknownCellsWereRaised() {
    Random r = new Random(2);
    CountMinSketch cms = new CountMinSketch(4, 1 << 10); // lists up to 64 raised cells
    for (int keys : new int[] {0, 3, 15, 16, 17, 40, 5_000, 2}) {
      for (int i = 0; i < keys; i++) {
        cms.add(r.nextLong(), 1 + r.nextInt(3));
      }
      cms.clear();
      assertThat(cms.counts).as("after %d keys", keys).containsOnly(0);
    }
    // As Flink restores it: the no-argument constructor and the public fields, nothing listed.
    CountMinSketch restored = new CountMinSketch();
    restored.depth = cms.depth;
    restored.width = cms.width;
    restored.counts = cms.counts.clone();
    restored.counts[7] = 5;
    restored.add(r.nextLong(), 1);
    restored.clear();
    assertThat(restored.counts).containsOnly(0);
    restored.add(42L, 2);
    assertThat(restored.estimate(42L)).isEqualTo(2);
    restored.clear();
    assertThat(restored.counts).containsOnly(0);
  }

  @Test
  void spaceSavingKeepsEveryKeyHeavierThanTotalOverK() {
    SpaceSaving ss = new SpaceSaving(16);
    Random r = new Random(2);
    for (int i = 0; i < 100_000; i++) {
      ss.offer(i % 10 == 0 ? "heavy" : "k" + r.nextInt(50_000), 1);
    }
    assertThat(ss.topKey()).isEqualTo("heavy");
    assertThat(ss.top(1).get(0)).startsWith("heavy=");
  }

  @Test
  void hyperLogLogCountsAMillionDistinctWithinThreePercent() {
    HyperLogLog hll = new HyperLogLog(12);
    for (int i = 0; i < 1_000_000; i++) {
      hll.add(Hash64.of("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255)));
    }
    assertThat((double) hll.estimate()).isCloseTo(1_000_000, within(30_000.0));
    HyperLogLog small = new HyperLogLog(12);
    for (int i = 0; i < 100; i++) {
      small.add(Hash64.of("a" + i));
      small.add(Hash64.of("a" + i));
    }
    assertThat((double) small.estimate()).isCloseTo(100, within(3.0));
  }

  @Test
  void bloomFilterTellsFirstFromRepeat() {
    BloomFilter b = new BloomFilter(10_000, 0.01);
    int falseRepeats = 0;
    for (int i = 0; i < 10_000; i++) {
      if (!b.add(Hash64.pair("ip" + i, "acct"))) {
        falseRepeats++;
      }
    }
    assertThat(falseRepeats).isLessThan(200);
    for (int i = 0; i < 100; i++) {
      assertThat(b.add(Hash64.pair("ip" + i, "acct"))).isFalse();
    }
  }

  @Test
  void prefixes() {
    assertThat(IpPrefix.narrow("203.0.113.7")).isEqualTo("203.0.113.0/24");
    assertThat(IpPrefix.wide("203.0.113.7")).isEqualTo("203.0.0.0/16");
    assertThat(IpPrefix.narrow("2001:db8:1:2::5")).isEqualTo("2001:db8:1::/48");
    assertThat(IpPrefix.wide("2001:db8:1:2::5")).isEqualTo("2001:db8::/32");
    assertThat(IpPrefix.wide("hashed-ani")).isEqualTo("hashed-ani");
  }
}
