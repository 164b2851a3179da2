package io.cscmon.flink.job;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.metrics.EventMetrics;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.testing.TestRules;
import io.cscmon.flink.LocalServices;
import io.cscmon.flink.operators.AlertRecord;
import io.cscmon.flink.operators.DeadLetter;
import io.cscmon.flink.sink.NdjsonFileSink;
import io.cscmon.flink.source.NumberedLineFormat;
import io.cscmon.flink.source.RawLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's event-metrics branch on a MiniCluster at parallelism 2: health, auth, access and call
 * events reach {@link EventMetrics}, and the metrics say what the lines said. At parallelism 2 the
 * sinks see the streams' partitions interleaved, so the per-minute security gauges are checked for
 * their series (their values per minute are SecurityMetricsTest's), the counters and health gauges
 * for their values.
 */
class EventMetricsWiringTest {

  @RegisterExtension static final MiniClusterExtension FLINK = JobCluster.twoSlots();

  private static final String NAME = "event-metrics-wiring-test";

  @TempDir Path dir;

  private static String ts(long millis) {
    return String.valueOf(millis);
  }

  @Test
  void healthAndSecurityEventsSetTheDashboardsMetrics() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int minute = 0; minute < 3; minute++) {
      long t = BEGINNING + minute * 60_000L;
      lines.add(
          "{\"type\":\"health\",\"ts\":"
              + ts(t)
              + ",\"component\":\"crm\",\"instance\":\"a\","
              + "\"up\":true,\"latency_p50_ms\":40,\"latency_p99_ms\":250,"
              + "\"requests\":1000,\"errors\":20}");
      lines.add(
          "{\"type\":\"auth\",\"ts\":"
              + ts(t + 1_000)
              + ",\"channel\":\"ivr\","
              + "\"source\":\"13800000000\",\"account\":\"a1\",\"result\":\"failure\"}");
      lines.add(
          "{\"type\":\"access\",\"ts\":"
              + ts(t + 2_000)
              + ",\"channel\":\"web\","
              + "\"source\":\"203.0.113.5\",\"endpoint\":\"/login\",\"status\":200,\"count\":20}");
      lines.add(
          "{\"type\":\"call\",\"ts\":"
              + ts(t + 3_000)
              + ",\"call_id\":\"c"
              + minute
              + "\","
              + "\"phase\":\"arrived\",\"channel\":\"voice\",\"ani\":\"139"
              + minute
              + "\"}");
      lines.add(
          "{\"type\":\"call\",\"ts\":"
              + ts(t + 5_000)
              + ",\"call_id\":\"c"
              + minute
              + "\","
              + "\"phase\":\"ivr_exit\",\"ivr_outcome\":\"hangup\"}");
    }
    Path input = dir.resolve("in");
    Files.createDirectories(input);
    Files.write(input.resolve("events.ndjson"), lines);

    try (Metrics metrics = Metrics.create()) {
      LocalServices.register(NAME, new EventMetrics(metrics.registry()));
      try {
        run(input);
      } finally {
        LocalServices.unregister(NAME);
      }
      assertThat(metrics.registry().scrape())
          .contains("cscmon_component_up{center=\"default\",component=\"crm\",instance=\"a\"} 1.0")
          .contains(
              "cscmon_component_error_ratio{center=\"default\",component=\"crm\",instance=\"a\"}"
                  + " 0.02")
          .contains(
              "cscmon_component_error_budget_burn_rate{center=\"default\",component=\"crm\","
                  + "window=\"3m\"} 4.0")
          .contains(
              "cscmon_auth_attempts_total{center=\"default\",channel=\"ivr\",result=\"failure\"}"
                  + " 3.0")
          .contains("cscmon_access_requests_total{center=\"default\",channel=\"web\"} 60.0")
          .contains("cscmon_tdos_short_call_ratio{center=\"default\"} ")
          .contains("cscmon_tdos_distinct_anis{center=\"default\"} ")
          .contains("cscmon_ddos_distinct_sources{center=\"default\",channel=\"web\"} 1.0")
          .contains(
              "cscmon_attack_top_source_events{attack_type=\"ivr_bruteforce\",center=\"default\","
                  + "source=\"13800000000\"}")
          .contains(
              "cscmon_attack_top_source_events{attack_type=\"ddos\",center=\"default\","
                  + "source=\"203.0.113.5\"}");
    }
  }

  private void run(Path input) throws Exception {
    StreamExecutionEnvironment env = JobCluster.environment(2);
    FileSource<RawLine> source =
        FileSource.forRecordStreamFormat(
                new NumberedLineFormat("test"), new org.apache.flink.core.fs.Path(input.toUri()))
            .build();
    new DetectionJob(
            List.of(new DetectionJob.NamedSource(source, "test file")),
            List.of(
                NdjsonFileSink.<AlertRecord>sortedAtEnd(
                    dir.resolve("alerts.ndjson"), AlertRecord::json, AlertRecord::inFileOrder)),
            NdjsonFileSink.<DeadLetter>appending(dir.resolve("dl.ndjson"), DeadLetter::toJson),
            DetectionOptions.defaults().withRules(TestRules.ruleSet()))
        .withEventMetrics(NAME)
        .execute(env);
  }
}
