package io.cscmon.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangCTest {

  /**
   * The textbook example: 100 calls in 30 minutes, 180 s average handle time, so A = 100 × 180 /
   * 1800 = 10 Erlangs, target 80 % in 20 s.
   */
  private static final double RATE = 100.0 / 1800.0;

  private static final double AHT = 180.0;

  /** Erlang C straight from its definition with factorials, as one computes it by hand. */
  private static double byHand(int n, double a) {
    double sum = 0;
    double term = 1; // a^k / k!
    for (int k = 0; k < n; k++) {
      sum += term;
      term = term * a / (k + 1);
    }
    double top = term * n / (n - a); // a^N / N! · N / (N − A)
    return top / (sum + top);
  }

  @Test
  void probabilityOfWaitingMatchesTheHandComputation() {
    for (int n = 11; n <= 20; n++) {
      assertThat(ErlangC.probabilityOfWaiting(n, 10.0)).isCloseTo(byHand(n, 10.0), within(1e-12));
    }
    assertThat(ErlangC.probabilityOfWaiting(60, 50.0)).isCloseTo(byHand(60, 50.0), within(1e-10));
  }

  @Test
  void knownValuesOfTheTextbookExample() {
    // Published values of the 10-Erlang example (probability of waiting, 80/20 service level).
    assertThat(ErlangC.probabilityOfWaiting(11, 10)).isCloseTo(0.6821, within(5e-5));
    assertThat(ErlangC.probabilityOfWaiting(12, 10)).isCloseTo(0.4494, within(5e-5));
    assertThat(ErlangC.probabilityOfWaiting(13, 10)).isCloseTo(0.2853, within(5e-5));
    assertThat(ErlangC.probabilityOfWaiting(14, 10)).isCloseTo(0.1741, within(5e-5));
    // SL = 1 − C · e^(−(N − A) · 20 / 180): by hand 1 − 0.1741 · e^(−4/9) = 0.8884.
    assertThat(ErlangC.serviceLevel(14, RATE, AHT, 20))
        .isCloseTo(1 - byHand(14, 10) * Math.exp(-4.0 / 9.0), within(1e-12))
        .isCloseTo(0.8884, within(5e-4));
    assertThat(ErlangC.serviceLevel(13, RATE, AHT, 20)).isCloseTo(0.7956, within(5e-4));
    assertThat(ErlangC.requiredAgents(RATE, AHT, 0.8, 20)).isEqualTo(14);
    // ASA = C · AHT / (N − A) = 0.1741 · 180 / 4 ≈ 7.8 s.
    assertThat(ErlangC.averageSpeedOfAnswer(14, RATE, AHT)).isCloseTo(7.83, within(0.01));
  }

  @Test
  void overloadAndEmptyLoad() {
    assertThat(ErlangC.probabilityOfWaiting(10, 10)).isEqualTo(1.0);
    assertThat(ErlangC.serviceLevel(9, RATE, AHT, 20)).isZero();
    assertThat(ErlangC.averageSpeedOfAnswer(10, RATE, AHT)).isInfinite();
    assertThat(ErlangC.requiredAgents(0, AHT, 0.8, 20)).isZero();
    assertThat(ErlangC.probabilityOfWaiting(3, 0)).isZero();
    assertThatThrownBy(() -> ErlangC.requiredAgents(RATE, AHT, 1.0, 20))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void moreAgentsNeverLowerTheServiceLevelAndLargeCentersAreStable() {
    double previous = 0;
    for (int n = 11; n < 40; n++) {
      double sl = ErlangC.serviceLevel(n, RATE, AHT, 20);
      assertThat(sl).isGreaterThanOrEqualTo(previous).isBetween(0.0, 1.0);
      previous = sl;
    }
    // 1000 Erlangs: the recursion stays finite where factorials would overflow.
    int n = ErlangC.requiredAgents(1000.0 / 300, 300, 0.8, 20);
    assertThat(n).isBetween(1001, 1100);
    assertThat(ErlangC.serviceLevel(n, 1000.0 / 300, 300, 20)).isGreaterThanOrEqualTo(0.8);
  }
}
