package io.cscmon.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
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

  /** Equally heavy keys rank the same whichever came first (events may come out of order). */
  @Test
  void spaceSavingRanksATieTheSameWhateverTheArrivalOrder() {
    for (List<String> order : List.of(List.of("b", "a", "c"), List.of("c", "b", "a"))) {
      SpaceSaving ss = new SpaceSaving(4);
      for (String key : order) {
        ss.offer(key + ".0.0/16", key.equals("c") ? 5 : 7);
      }
      assertThat(ss.topKey()).isEqualTo("a.0.0/16");
      assertThat(ss.topCertainKey(7)).isEqualTo("a.0.0/16");
      assertThat(ss.topCertain(3)).containsExactly("a.0.0/16≥7", "b.0.0/16≥7", "c.0.0/16≥5");
      assertThat(ss.top(2)).containsExactly("a.0.0/16=7", "b.0.0/16=7");
    }
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
  void bloomFilterClearForgetsEveryPairWhetherFewManyOrUnknownWordsWereSet() {
    Random r = new Random(3);
    BloomFilter b = new BloomFilter(10_000, 0.01); // lists up to 23 set words
    for (int pairs : new int[] {0, 2, 10, 30, 5_000, 1}) {
      for (int i = 0; i < pairs; i++) {
        b.add(r.nextLong());
      }
      b.clear();
      assertThat(b.bits).as("after %d pairs", pairs).containsOnly(0L);
    }
    // As Flink restores it: the no-argument constructor and the public fields, nothing listed.
    BloomFilter restored = new BloomFilter();
    restored.k = b.k;
    restored.bits = b.bits.clone();
    restored.bits[3] = -1L;
    assertThat(restored.add(42L)).isTrue();
    restored.clear();
    assertThat(restored.bits).containsOnly(0L);
    assertThat(restored.add(42L)).isTrue();
    assertThat(restored.add(42L)).isFalse();
    restored.clear();
    assertThat(restored.bits).containsOnly(0L);
  }

  @Test
  void hyperLogLogEstimateIsTheSequentialSumsToTheBit() {
    Random r = new Random(4);
    for (int n : new int[] {0, 1, 50, 3_000, 40_000, 2_000_000}) {
      HyperLogLog hll = new HyperLogLog(12);
      for (int i = 0; i < n; i++) {
        hll.add(r.nextLong());
      }
      assertThat(hll.estimate()).as("%d distinct", n).isEqualTo(sequentialEstimate(hll));
    }
    HyperLogLog extreme = new HyperLogLog(12); // ranks beyond the exact sum by rank
    extreme.add(1L); // 51 leading zeros after the index bits: rank 52
    extreme.add(-1L);
    assertThat(extreme.estimate()).isEqualTo(sequentialEstimate(extreme));
  }

  /** The estimate as first written: one division per register, summed in register order. */
  private static long sequentialEstimate(HyperLogLog hll) {
    int m = hll.registers.length;
    double sum = 0;
    int zeros = 0;
    for (byte r : hll.registers) {
      sum += 1.0 / (1L << r);
      zeros += r == 0 ? 1 : 0;
    }
    double e = 0.7213 / (1 + 1.079 / m) * m * m / sum;
    if (e <= 2.5 * m && zeros > 0) {
      e = m * Math.log((double) m / zeros);
    }
    return Math.round(e);
  }

  @Test
  void prefixesOfOddAddressesAreWhatSplittingWouldGive() {
    assertThat(IpPrefix.narrow("1.2.3.")).isEqualTo("1.2.3.0/24");
    assertThat(IpPrefix.wide("1..3.4")).isEqualTo("1..0.0/16");
    assertThat(IpPrefix.narrow("1.2.3")).isEqualTo("1.2.3");
    assertThat(IpPrefix.narrow("1.2.3.4.5")).isEqualTo("1.2.3.4.5");
    assertThat(IpPrefix.narrow("")).isEqualTo("");
    assertThat(IpPrefix.narrow("::1")).isEqualTo("0:0:1::/48");
    assertThat(IpPrefix.narrow("fe80:")).isEqualTo("fe80:0::/48");
    assertThat(IpPrefix.wide(":")).isEqualTo("0:0::/32");
    assertThat(IpPrefix.wide("2001:db8")).isEqualTo("2001:db8::/32");
  }

  @Test
  void slotRingAnswersForTheValuesItHoldsAfterEveryAdd() {
    SlotRing ring = new SlotRing(4_000, 1_000, 5); // four slots of five values
    ring.add(1_500, 10);
    assertThat(ring.medianMad(1_200)).containsExactly(10.0, 0.0);
    assertThat(ring.medianMad(1_999)).containsExactly(10.0, 0.0); // asked again, unchanged
    ring.add(1_100, 20);
    ring.add(1_900, 40);
    assertThat(ring.medianMad(1_500)).containsExactly(20.0, 10.0);
    assertThat(ring.medianMad(2_500)).containsExactly(Double.NaN, Double.NaN);
    ring.add(6_000, 30); // slot 2 of the next period
    assertThat(ring.medianMad(2_000)).containsExactly(30.0, 0.0);
    assertThat(ring.medianMad(1_000)).containsExactly(20.0, 10.0);
    ring.add(5_500, 30); // slot 1 again: 10, 20, 40, 30
    assertThat(ring.medianMad(5_000)).containsExactly(25.0, 10.0);
    // As Flink restores it: the no-argument constructor and the public fields, nothing cached.
    SlotRing restored = new SlotRing();
    restored.periodMs = ring.periodMs;
    restored.slotMs = ring.slotMs;
    restored.depth = ring.depth;
    restored.values = ring.values.clone();
    restored.count = ring.count.clone();
    restored.next = ring.next.clone();
    assertThat(restored.medianMad(0)).containsExactly(Double.NaN, Double.NaN);
    assertThat(restored.medianMad(1_000)).containsExactly(25.0, 10.0);
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
