package io.cscmon.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.detect.Detectors;
import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.kpi.CallCounts;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.testing.TestSeed;
import java.util.SplittableRandom;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The key selectors' keys are the keys of savepointed state: whatever they reuse, each must stay
 * the very string that concatenating the record's fields gives (the records' own {@code
 * seriesKey()} where they have one), for nulls, separators inside values and more distinct keys
 * than a selector keeps.
 */
class KeysTest {
  @RegisterExtension static final TestSeed SEED = TestSeed.fromSystemProperty();

  private static final int RECORDS = 5_000;

  /** Mostly a few values, sometimes null, "null", a separator or one of thousands. */
  private static String part(SplittableRandom r) {
    return switch (r.nextInt(10)) {
      case 0 -> null;
      case 1 -> "null";
      case 2 -> "a|b";
      case 3 -> "v" + r.nextInt(5_000);
      default -> new String("v" + r.nextInt(4)); // equal values, new instances
    };
  }

  @Test
  void everySelectorGivesTheConcatenationOfItsFields() throws Exception {
    Keys.MinuteSeries minuteSeries = new Keys.MinuteSeries();
    Keys.Agent agent = new Keys.Agent();
    Keys.MoveQueue moveQueue = new Keys.MoveQueue();
    Keys.SampleQueue sampleQueue = new Keys.SampleQueue();
    Keys.Series series = new Keys.Series();
    Keys.Component component = new Keys.Component();
    Keys.Instance instance = new Keys.Instance();
    Keys.CallChannel callChannel = new Keys.CallChannel();
    Keys.AuthChannel authChannel = new Keys.AuthChannel();
    Keys.AccessChannel accessChannel = new Keys.AccessChannel();
    for (int i = 0; i < RECORDS; i++) {
      SplittableRandom r = SEED.random(i);
      String a = part(r);
      String b = part(r);
      String c = part(r);
      String d = part(r);
      MinuteCounts minute = new MinuteCounts(a, b, c, 0, 60_000, new CallCounts());
      assertThat(minuteSeries.getKey(minute)).isEqualTo(minute.seriesKey());
      AgentMove move = new AgentMove(a, b, null, null);
      assertThat(moveQueue.getKey(move)).isEqualTo(move.seriesKey());
      KpiSample sample = new KpiSample(a, b, c, d, 0, 60_000, 1.0, 1);
      assertThat(series.getKey(sample)).isEqualTo(sample.seriesKey());
      assertThat(sampleQueue.getKey(sample)).isEqualTo(b + '|' + d);
      assertThat(agent.getKey(new AgentEvent(0, a, b, null, null))).isEqualTo(a + '|' + b);
      HealthEvent health =
          new HealthEvent(0, a, b, c, 0, true, null, null, null, null, null, null, null, null);
      assertThat(component.getKey(health)).isEqualTo(a + '|' + b);
      assertThat(instance.getKey(health)).isEqualTo(a + '|' + b + '|' + c);
      CallEvent call =
          new CallEvent(
              0, a, "c", CallPhase.ARRIVED, b, null, null, null, null, null, null, null, null);
      assertThat(callChannel.getKey(call)).isEqualTo(a + '|' + Detectors.channelOf(call));
      assertThat(authChannel.getKey(new AuthEvent(0, a, b, "s", null, true, null)))
          .isEqualTo(a + '|' + b);
      assertThat(accessChannel.getKey(new AccessEvent(0, a, b, "s", null, 200, null, 1)))
          .isEqualTo(a + '|' + b);
    }
  }

  @Test
  void equalFieldsGiveTheSameKeyInstanceOnceSeen() throws Exception {
    Keys.Component component = new Keys.Component();
    String first = component.getKey(health(new String("default"), new String("web")));
    String again = component.getKey(health(new String("default"), new String("web")));
    assertThat(again).isEqualTo("default|web").isSameAs(first);
  }

  @Test
  void aSelectorSentToATaskStillJoinsAfterwards() throws Exception {
    Keys.Instance shipped = InstantiationUtil.clone(new Keys.Instance());
    assertThat(shipped.getKey(health("default", "web"))).isEqualTo("default|web|i1");
  }

  @Test
  void keysOfDifferentArityDoNotMeetInOneTable() {
    JoinedKeys keys = new JoinedKeys();
    assertThat(keys.join("a", "b")).isEqualTo("a|b");
    assertThat(keys.join("a", "b", null)).isEqualTo("a|b|null");
    assertThat(keys.join("a", "b", null, null)).isEqualTo("a|b|null|null");
    assertThat(keys.join("a", "b")).isEqualTo("a|b");
  }

  private static HealthEvent health(String center, String component) {
    return new HealthEvent(
        0, center, component, "i1", 0, true, null, null, null, null, null, null, null, null);
  }
}
