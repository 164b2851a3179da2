package io.cscmon.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.detect.DetectAlert;
import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.Simulator;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IVR outage whose callers hang up and redial, through the whole job: forty callers each call
 * twelve times within ten minutes and hang up within seconds, which is a TDoS of repeating callers
 * by its look. It began after the outage, so it is the outage's symptom: tagged {@code
 * root_cause=ivr} (the outage's inhibit rule holds it) and not raised to level II for the outage it
 * did not cause (an outside sweep's IVR outage paged TelephonyDos at level II).
 */
class IvrOutageRedialTest {

  @RegisterExtension static final MiniClusterExtension FLINK = JobCluster.twoSlots();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OffsetDateTime EIGHT = OffsetDateTime.parse("2026-11-24T08:00:00+08:00");
  private static final long OUTAGE_START = EIGHT.plusHours(3).toInstant().toEpochMilli();
  private static final long OUTAGE_END = OUTAGE_START + Duration.ofMinutes(20).toMillis();

  @TempDir Path dir;

  @Test
  void callersRedialingAnIvrThatIsDownAreTheOutagesSymptomNotAnAttackOfLevelTwo() throws Exception {
    SimulationConfig config =
        SimulationConfig.builder().seed(101).start(EIGHT.toInstant().toEpochMilli()).build();
    StringWriter simulated = new StringWriter();
    Simulator.writeNdjson(config, Duration.ofHours(4), simulated);
    Path input = dir.resolve("ivr-outage.ndjson");
    Files.write(input, withIvrOutageAndRedials(simulated.toString().split("\n")));
    Path alertsOut = dir.resolve("alerts.ndjson");
    SimulatedReplay.replay(
        List.of(FileInputs.file(input)), 2, alertsOut, dir.resolve("dead-letters.ndjson"));
    List<Alert> alerts = Files.readAllLines(alertsOut).stream().map(AlertJson::decode).toList();

    assertThat(alerts)
        .filteredOn(a -> a.isFiring() && "ComponentOutage".equals(a.alertname()))
        .extracting(a -> a.label(Labels.COMPONENT))
        .contains("ivr");
    List<Alert> tdos = alerts.stream().filter(a -> "TelephonyDos".equals(a.alertname())).toList();
    assertThat(tdos).as("the redials look like a TDoS of repeating callers").isNotEmpty();
    assertThat(tdos)
        .allSatisfy(a -> assertThat(a.label(DetectAlert.ROOT_CAUSE)).isEqualTo("ivr"))
        .allSatisfy(a -> assertThat(a.label(Labels.EMERGENCY_LEVEL)).isIn("IV", "III"));
  }

  /** The simulated lines with every IVR probe down for 20 minutes and the redials among them. */
  private static List<String> withIvrOutageAndRedials(String[] lines) throws Exception {
    List<long[]> redialTimes = new ArrayList<>();
    List<String> redials = new ArrayList<>();
    Random random = new Random(4);
    int call = 0;
    for (int caller = 0; caller < 40; caller++) {
      String ani = "139" + (10_000_000 + random.nextInt(89_999_999));
      long t = OUTAGE_START + random.nextInt(5 * 60_000);
      for (int k = 0; k < 12; k++) {
        String id = "redial-" + ++call;
        long left = t + 2_000 + random.nextInt(4_000);
        redialTimes.add(new long[] {t, redials.size()});
        redials.add(
            "{\"type\":\"call\",\"ts\":%d,\"center\":\"default\",\"call_id\":\"%s\",\"phase\":\"arrived\",\"channel\":\"voice\",\"ani\":\"%s\",\"topic\":\"balance\"}"
                .formatted(t, id, ani));
        redialTimes.add(new long[] {left, redials.size()});
        redials.add(
            "{\"type\":\"call\",\"ts\":%d,\"center\":\"default\",\"call_id\":\"%s\",\"phase\":\"ivr_exit\",\"topic\":\"balance\",\"ivr_outcome\":\"hangup\"}"
                .formatted(left, id));
        t = left + 20_000 + random.nextInt(40_000);
      }
    }
    redialTimes.sort((a, b) -> Long.compare(a[0], b[0]));
    List<String> out = new ArrayList<>();
    int next = 0;
    for (String line : lines) {
      ObjectNode event = (ObjectNode) JSON.readTree(line);
      long ts = millis(event);
      while (next < redialTimes.size() && redialTimes.get(next)[0] <= ts) {
        out.add(redials.get((int) redialTimes.get(next++)[1]));
      }
      if ("health".equals(event.path("type").asText())
          && "ivr".equals(event.path("component").asText())
          && ts >= OUTAGE_START
          && ts < OUTAGE_END) {
        event.put("up", false);
        line = JSON.writeValueAsString(event);
      }
      out.add(line);
    }
    while (next < redialTimes.size()) {
      out.add(redials.get((int) redialTimes.get(next++)[1]));
    }
    return out;
  }

  /** The simulator writes times as epoch milliseconds or RFC 3339, as CONTRACT §1 allows. */
  private static long millis(ObjectNode event) {
    var ts = event.get("ts");
    return ts.isNumber()
        ? ts.asLong()
        : OffsetDateTime.parse(ts.asText()).toInstant().toEpochMilli();
  }
}
