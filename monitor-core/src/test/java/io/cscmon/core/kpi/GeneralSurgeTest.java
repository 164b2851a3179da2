package io.cscmon.core.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cscmon.core.kpi.GeneralSurge.Sample;
import io.cscmon.core.kpi.GeneralSurge.TopicVolume;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Market and credit topics judged beyond the center's general surge. Volumes are five minutes of a
 * business hour at the default center: ordinary topics expecting 100, 80, 60 and 20 calls (balance,
 * transfer, other, complaint), wealth 20 and credit_card 50.
 */
class GeneralSurgeTest {

  private static TopicVolume volume(String topic, long offered, double expected) {
    return new TopicVolume("sh", topic, 0, 60_000, offered, expected);
  }

  /** The center's topics with the ordinary ones at {@code ordinary} times their expected. */
  private static List<TopicVolume> minute(
      double ordinary, double complaint, long wealth, long creditCard) {
    List<TopicVolume> m = new ArrayList<>();
    m.add(volume("balance", Math.round(100 * ordinary), 100));
    m.add(volume("transfer", Math.round(80 * ordinary), 80));
    m.add(volume("other", Math.round(60 * ordinary), 60));
    m.add(volume("complaint", Math.round(20 * complaint), 20));
    m.add(volume("wealth", wealth, 20));
    m.add(volume("credit_card", creditCard, 50));
    return m;
  }

  private static double ratio(List<Sample> samples, String topic) {
    return samples.stream().filter(s -> s.topic().equals(topic)).findFirst().orElseThrow().ratio();
  }

  @Test
  void aGeneralSurgeIsNotAMarketOrCreditEvent() {
    // Every topic at three times the usual: the volume-surge scenario's day 3 paged both at III.
    List<Sample> samples = GeneralSurge.judge(minute(3, 3, 60, 150));

    assertThat(ratio(samples, "wealth")).isLessThan(1.2);
    assertThat(ratio(samples, "credit_card")).isLessThan(1.2);
  }

  @Test
  void aMarketShockOnAnOrdinaryDayIsJudgedAsBefore() {
    List<Sample> samples = GeneralSurge.judge(minute(1, 1, 100, 50));

    assertThat(ratio(samples, "wealth")).isEqualTo(5.0);
    assertThat(ratio(samples, "credit_card")).isEqualTo(1.0);
  }

  @Test
  void aMarketShockDuringAGeneralSurgeIsJudgedAgainstThePeak() {
    // The ordinary topics at twice the usual, wealth at ten times: five times beyond the peak.
    List<Sample> samples = GeneralSurge.judge(minute(2, 2, 200, 100));

    assertThat(ratio(samples, "wealth")).isBetween(5.0, 5.6);
    assertThat(ratio(samples, "credit_card")).isBetween(1.0, 1.12);
  }

  @Test
  void complaintsRidingAlongWithACreditEventAreNotAGeneralSurge() {
    // A credit event: cards and complaints at five times; pooled, the ordinary topics read 1.3.
    List<Sample> samples = GeneralSurge.judge(minute(1, 5, 20, 250));

    assertThat(GeneralSurge.factor(minute(1, 5, 20, 250))).isEqualTo(1.0);
    assertThat(ratio(samples, "credit_card")).isEqualTo(5.0);
  }

  @Test
  void theFactorStaysUnderPoissonNoiseAndNeverBelowOne() {
    // Ordinary calls 5 % above expected on 260 expected: noise, not a surge.
    assertThat(GeneralSurge.factor(minute(1.05, 1.05, 20, 50))).isEqualTo(1.0);
    // A quiet hour does not make the topics' calls look like more.
    assertThat(GeneralSurge.factor(minute(0.5, 0.5, 20, 50))).isEqualTo(1.0);
    // Twice the usual: the factor is a bound a little under two.
    assertThat(GeneralSurge.factor(minute(2, 2, 20, 50))).isCloseTo(1.83, within(0.02));
  }

  @Test
  void fewOrdinaryCallsSayNothingOfASurge() {
    List<TopicVolume> small =
        List.of(volume("balance", 40, 10), volume("other", 40, 10), volume("wealth", 40, 10));

    assertThat(GeneralSurge.factor(small)).isEqualTo(1.0);
    assertThat(ratio(GeneralSurge.judge(small), "wealth")).isEqualTo(4.0);
  }

  @Test
  void samplesComeInTopicOrderWithTheExpectedCallsScaled() {
    List<Sample> samples = GeneralSurge.judge(minute(3, 3, 60, 150));

    assertThat(samples).extracting(Sample::topic).containsExactly("credit_card", "wealth");
    double factor = GeneralSurge.factor(minute(3, 3, 60, 150));
    assertThat(samples.get(1).expected()).isCloseTo(20 * factor, within(1e-9));
  }
}
