package io.cscmon.core.detect;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link BurnRateDetector}'s running window sums ({@link BucketSums}, a transient cache in the
 * state) against sums built afresh from the ring: one state keeps its cache through a random stream
 * (late samples, gaps longer than the ring, timers behind and ahead), the other is copied field by
 * field before every call, as Flink's restore or copy leaves it (cache null). Both must raise the
 * same alerts, to the last bit of their values.
 */
class BucketSumsTest {

  @Test
  void runningSumsGiveWhatSumsFromTheRingGive() {
    int alerts = 0;
    for (long seed = 1; seed <= 40; seed++) {
      alerts += compare(BurnRateDetector.errorRate(), seed, 1_000);
    }
    assertThat(alerts).as("the streams must make the detector fire and resolve").isGreaterThan(40);
  }

  @Test
  void countsTooLargeForExactDoublesTakeTheDoubleSumsBothWays() {
    // Counts of 2^53 and more: the long sums would round differently from the per-window double
    // sums, so both states must fall back to those, the cached one even after the counts left.
    assertThat(compare(BurnRateDetector.errorRate(), 99, 1L << 54)).isGreaterThan(0);
  }

  /** Runs one random stream through a cached and an always-fresh state; the alerts raised. */
  private static int compare(BurnRateDetector d, long seed, long maxCount) {
    Random r = new Random(seed);
    BurnRateState cached = d.newState("sh", Labels.COMPONENT, "app_api");
    BurnRateState fresh = d.newState("sh", Labels.COMPONENT, "app_api");
    long t = BEGINNING;
    boolean burning = false;
    int raised = 0;
    for (int i = 0; i < 3_000; i++) {
      int move = r.nextInt(100);
      if (move < 2) {
        t += 60_000L * (5 + r.nextInt(60)); // a gap, sometimes longer than the 30-minute ring
      } else if (move < 10) {
        t -= r.nextInt(120_000); // late, sometimes older than the ring holds
      } else {
        t += r.nextInt(12_000);
      }
      if (r.nextInt(200) == 0) {
        burning = !burning;
      }
      List<Alert> a;
      List<Alert> b;
      if (r.nextInt(10) == 0) {
        long now = t - 60_000 + r.nextInt(180_000);
        a = d.onTimer(cached, now);
        b = d.onTimer(fresh = copy(fresh), now);
      } else {
        long total = 1 + (long) (r.nextDouble() * Math.min(maxCount, 200));
        if (maxCount > 200 && r.nextInt(50) == 0) {
          total = maxCount - r.nextInt(3);
        }
        long bad = burning ? (long) (total * r.nextDouble()) : (r.nextInt(20) == 0 ? 1 : 0);
        a = d.record(cached, t, total, Math.min(bad, total));
        b = d.record(fresh = copy(fresh), t, total, Math.min(bad, total));
      }
      assertThat(a).as("seed %d, step %d", seed, i).isEqualTo(b);
      raised += a.size();
    }
    return raised;
  }

  /** The state's fields, as Flink's POJO serializer copies them: transient ones stay unset. */
  private static BurnRateState copy(BurnRateState s) {
    BurnRateState c = new BurnRateState();
    try {
      for (Field f : BurnRateState.class.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) || Modifier.isTransient(m)) {
          continue;
        }
        Object v = f.get(s);
        f.set(c, v instanceof long[] a ? a.clone() : v);
      }
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
    assertThat(c.sums).isNull();
    return c;
  }
}
