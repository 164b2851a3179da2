package io.cscmon.core.sim;

import static io.cscmon.core.sim.SimRun.HOUR;
import static io.cscmon.core.sim.SimRun.THURSDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The volume surge's signature in the emitted events, against a run with the same seed and no
 * scenario, and its label line against what the events show. Runs start Thursday 09:00 (+08:00);
 * the surge lasts 10:00–10:30.
 */
class VolumeSurgeTest {

  private static final long NINE = THURSDAY + 9 * HOUR;
  private static final long MIN = 60_000L;
  private static final long FROM = NINE + HOUR;
  private static final long TO = FROM + 30 * MIN;
  private static final Duration SPAN = Duration.ofMinutes(130);
  private static final VolumeSurge SURGE =
      new VolumeSurge(Duration.ofHours(1), Duration.ofMinutes(30), 3);

  private static SimRun baseline;
  private static SimRun surged;

  private static synchronized SimRun baseline() {
    if (baseline == null) {
      baseline = SimRun.run(config().build(), SPAN);
    }
    return baseline;
  }

  private static synchronized SimRun surged() {
    if (surged == null) {
      surged = SimRun.run(config().scenario(SURGE).build(), SPAN);
    }
    return surged;
  }

  private static SimulationConfig.Builder config() {
    return SimulationConfig.builder().seed(11).start(NINE);
  }

  /** New contacts (first attempts: callers calling back reuse their ANI) per channel. */
  private static Map<String, Long> arrivalsByChannel(SimRun run, long from, long to) {
    return run.events.stream()
        .filter(e -> e instanceof CallEvent c && c.phase() == CallPhase.ARRIVED)
        .map(CallEvent.class::cast)
        .filter(c -> c.ts() >= from && c.ts() < to)
        .collect(Collectors.groupingBy(CallEvent::channel, Collectors.counting()));
  }

  private static double ratio(String channel, long from, long to) {
    return (double) arrivalsByChannel(surged(), from, to).getOrDefault(channel, 0L)
        / arrivalsByChannel(baseline(), from, to).get(channel);
  }

  @Test
  void theChannelSurgesByItsFactorAndTheOthersStayAsUsual() {
    // Three times the new contacts, plus the callbacks of callers the short-staffed queues lose.
    assertThat(ratio("voice", FROM, TO)).isBetween(2.7, 3.8);
    // Every topic surges, not a few: it is a peak, not a topic event.
    Map<String, Long> during =
        surged().events.stream()
            .filter(e -> e instanceof CallEvent c && c.phase() == CallPhase.ARRIVED)
            .map(CallEvent.class::cast)
            .filter(c -> c.ts() >= FROM && c.ts() < TO && "voice".equals(c.channel()))
            .filter(c -> c.topic() != null)
            .collect(Collectors.groupingBy(CallEvent::topic, Collectors.counting()));
    Map<String, Long> normal =
        baseline().events.stream()
            .filter(e -> e instanceof CallEvent c && c.phase() == CallPhase.ARRIVED)
            .map(CallEvent.class::cast)
            .filter(c -> c.ts() >= FROM && c.ts() < TO && "voice".equals(c.channel()))
            .filter(c -> c.topic() != null)
            .collect(Collectors.groupingBy(CallEvent::topic, Collectors.counting()));
    normal.forEach(
        (topic, n) -> {
          if (n >= 100) {
            assertThat((double) during.getOrDefault(topic, 0L)).as(topic).isGreaterThan(2.3 * n);
          }
        });
    // The other channels keep their load (chat and app are queued too, so a few callbacks).
    assertThat(ratio("chat", FROM, TO)).isBetween(0.8, 1.3);
    assertThat(ratio("app", FROM, TO)).isBetween(0.8, 1.3);
  }

  @Test
  void theLabelWindowIsWhereTheEventsSurge() throws Exception {
    SimulationConfig cfg = config().scenario(SURGE).build();
    StringWriter w = new StringWriter();
    assertThat(Labels.write(cfg, SPAN, w)).isEqualTo(1);
    JsonNode label = new ObjectMapper().readTree(w.toString().strip());
    assertThat(label.get("scenario").asText()).isEqualTo("volume-surge");
    assertThat(label.get("expect_alert").asBoolean()).isTrue();
    assertThat(label.get("incident_type").asText()).isEqualTo("peak_load");
    assertThat(label.get("risk_category").asText()).isEqualTo("operational");
    assertThat(label.get("scope").toString()).isEqualTo("{\"channel\":[\"voice\"]}");
    long start = label.get("start_ms").asLong();
    long end = label.get("end_ms").asLong();
    assertThat(start).isEqualTo(FROM);
    assertThat(end).isEqualTo(TO);
    // Inside the window every five minutes surge; in the ten minutes before, nothing does; from
    // ten minutes after its end (the last callbacks have called back), the channel is back.
    for (long t = start; t < end; t += 5 * MIN) {
      assertThat(ratio("voice", t, t + 5 * MIN))
          .as("voice at +%d min", (t - start) / MIN)
          .isGreaterThan(2.2);
    }
    assertThat(ratio("voice", start - 10 * MIN, start)).isBetween(0.9, 1.1);
    assertThat(ratio("voice", end + 10 * MIN, end + 40 * MIN)).isLessThan(1.3);
  }

  @Test
  void badParametersAreRefused() {
    assertThatThrownBy(() -> new VolumeSurge(Duration.ZERO, Duration.ofMinutes(5), 0.5))
        .hasMessageContaining("intensity");
    assertThatThrownBy(() -> new VolumeSurge(Duration.ZERO, Duration.ofMinutes(5), 2, "fax"))
        .hasMessageContaining("fax")
        .hasMessageContaining("voice");
  }
}
