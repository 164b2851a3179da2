package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.detect.ComponentHealthDetector;
import io.cscmon.core.detect.Detectors;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.rule.DetectorSettings;
import java.util.List;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lazy event-time timer of {@link DetectorFunction}, on component health, whose next timer (the
 * instance's heartbeat deadline, three intervals after its last sample) moves later with every
 * sample: the registered timer stays where it was, fires stale without running the detector and
 * re-arms at the real next, and the alerts come at the real next's time as with a timer that moved
 * on every sample.
 */
class DetectorFunctionLazyTimerTest {

  /** Three missed 10 s intervals and half of one more. */
  private static final long DEADLINE = 3 * Health.INTERVAL + Health.INTERVAL / 2;

  /** outages.yaml's outage_recovery.clear_hold. */
  private static final long CLEAR_HOLD = 3 * 60_000L;

  private KeyedOneInputStreamOperatorTestHarness<String, HealthEvent, AlertRecord> harness;
  private String key;

  @BeforeEach
  void setUp() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new DetectorFunction<>(
                    Detectors.componentHealth(
                        DetectorSettings.defaults(), Detectors.defaultComponentMap()),
                    AlertTime.DEFAULT_ZONE)),
            new Keys.Component(),
            Types.STRING);
    harness.open();
    key = new Keys.Component().getKey(Health.sample(BEGINNING, "core_banking", "a", true));
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  /** A sample, and the watermark at its time (in order, none outstanding: the data complete). */
  private void sample(long ts, boolean up) throws Exception {
    harness.processElement(Health.sample(ts, "core_banking", "a", up), ts);
    harness.processWatermark(ts);
  }

  /** The time of the registered event-time timer, as the function keeps it (null for none). */
  private Long registered() throws Exception {
    AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
    operator.setCurrentKey(key);
    return operator
        .getKeyedStateBackend()
        .getPartitionedState(
            VoidNamespace.INSTANCE,
            VoidNamespaceSerializer.INSTANCE,
            new ValueStateDescriptor<>("timer", Types.LONG))
        .value();
  }

  private List<StreamRecord<? extends AlertRecord>> records() {
    return harness.extractOutputStreamRecords();
  }

  private int keyedStateEntries() {
    return KeyedStateEntries.of(harness.getOperator());
  }

  @Test
  void aLaterDeadlineKeepsTheTimerTheStaleOneReArmsAndTheLossComesAtTheRealDeadline()
      throws Exception {
    // The watermark 31 s behind each sample, as in the job: a sample waits until the data up to
    // its time is complete, and the first one, with no deadline yet, has its own timer.
    lagging(BEGINNING);
    assertThat(registered()).isEqualTo(BEGINNING);
    long last = BEGINNING + 5 * Health.INTERVAL;
    for (long t = BEGINNING + Health.INTERVAL; t <= last; t += Health.INTERVAL) {
      lagging(t);
      // One timer at a time.
      assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }
    // The samples wait for the watermark (31 s behind the newest); while all is up they are taken
    // at the heartbeat deadline's timer, which has stayed where the first sample put it: a timer
    // per deadline, not per sample.
    assertThat(registered()).isEqualTo(BEGINNING + DEADLINE);

    // The feed stops: the loss fires at the real deadline, not a moment earlier.
    harness.processWatermark(last + DEADLINE - 1);
    assertThat(records()).isEmpty();
    harness.processWatermark(last + DEADLINE);
    assertThat(records())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getTimestamp()).isEqualTo(last + DEADLINE);
              assertThat(r.getValue().at()).isEqualTo(last + DEADLINE);
              assertThat(r.getValue().alert().alertname())
                  .isEqualTo(ComponentHealthDetector.OUTAGE_ALERT);
              assertThat(r.getValue().alert().isFiring()).isTrue();
              assertThat(r.getValue().alert().startsAt()).isEqualTo(last + Health.INTERVAL);
            });

    // Escalations at 5 min, 30 min, 3 h and 6 h; then nothing is pending: no timer, and of the
    // key's state only the detector's.
    long since = last + Health.INTERVAL;
    harness.processWatermark(since + 7 * 60 * ONE_MINUTE);
    assertThat(records())
        .extracting(r -> r.getValue().alert().label(Labels.EMERGENCY_LEVEL))
        .containsExactly("none", "IV", "III", "II", "I");
    assertThat(records())
        .extracting(r -> r.getTimestamp())
        .containsExactly(
            last + DEADLINE,
            since + 5 * ONE_MINUTE,
            since + 30 * ONE_MINUTE,
            since + 3 * 60 * ONE_MINUTE,
            since + 6 * 60 * ONE_MINUTE);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(registered()).isNull();
    assertThat(keyedStateEntries()).as("the detector's state, no timer time").isEqualTo(1);
  }

  @Test
  void aSampleAfterTheDeadlineComesAfterTheLossAndResolvesIt() throws Exception {
    for (long t = BEGINNING; t <= BEGINNING + 2 * Health.INTERVAL; t += Health.INTERVAL) {
      sample(t, true);
    }
    long deadline = BEGINNING + 2 * Health.INTERVAL + DEADLINE;
    // The next sample comes after the deadline; the loss at the deadline comes first, then the
    // recovery at the sample's time, each decided at its own time.
    // (The recovery is decided once it has stayed up for the clear hold, and ends at the sample.)
    long back = deadline + Health.INTERVAL;
    long held = back + CLEAR_HOLD;
    for (long t = back; t <= held; t += Health.INTERVAL) {
      sample(t, true);
    }
    assertThat(records())
        .extracting(
            r -> r.getValue().at(),
            r -> r.getValue().alert().isFiring(),
            r -> r.getValue().alert().endsAt())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(deadline, true, io.cscmon.core.alert.Alert.UNSET),
            org.assertj.core.groups.Tuple.tuple(held, false, back));
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    assertThat(registered()).isEqualTo(held + DEADLINE);
  }

  private void lagging(long ts) throws Exception {
    harness.processElement(Health.sample(ts, "core_banking", "a", true), ts);
    harness.processWatermark(ts - 31_000);
  }

  @Test
  void aTimerTheWatermarkHasPassedWhenItReArmsFiresInTheSameAdvance() throws Exception {
    long last = BEGINNING + 4 * Health.INTERVAL;
    for (long t = BEGINNING; t <= last; t += Health.INTERVAL) {
      sample(t, true);
    }
    // One watermark past both the stale timer and the real deadline.
    harness.processWatermark(last + DEADLINE + ONE_MINUTE);
    assertThat(records())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getTimestamp()).isEqualTo(last + DEADLINE);
              assertThat(r.getValue().alert().isFiring()).isTrue();
            });
    assertThat(harness.numEventTimeTimers()).as("the level IV escalation").isEqualTo(1);
  }
}
