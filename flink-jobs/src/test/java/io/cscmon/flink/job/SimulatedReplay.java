package io.cscmon.flink.job;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.Simulator;
import io.cscmon.flink.operators.AlertRecord;
import io.cscmon.flink.operators.DeadLetter;
import io.cscmon.flink.sink.NdjsonFileSink;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A simulation written to a (fast-compressed) file and replayed through the whole detection job
 * with the default rules, as {@code bin/cscmon replay} does: the alert state changes, and the
 * dead-letter lines, for tests that score detection against the simulator's ground truth.
 */
final class SimulatedReplay {
  final List<Alert> alerts;
  final List<String> deadLetters;

  private SimulatedReplay(List<Alert> alerts, List<String> deadLetters) {
    this.alerts = alerts;
    this.deadLetters = deadLetters;
  }

  static SimulatedReplay run(SimulationConfig config, Duration span, Path dir) throws Exception {
    Path input = dir.resolve("simulated.ndjson.gz");
    try (OutputStream out =
        new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(input), 1 << 16)) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
      Simulator.writeNdjson(config, span, out);
    }
    Path alertsOut = dir.resolve("alerts.ndjson");
    Path deadLetters = dir.resolve("dead-letters.ndjson");
    replay(List.of(FileInputs.file(input)), 2, alertsOut, deadLetters);
    return new SimulatedReplay(
        Files.readAllLines(alertsOut).stream().map(AlertJson::decode).toList(),
        Files.readAllLines(deadLetters));
  }

  /**
   * Runs the job with the default rules over {@code sources} at {@code parallelism}, every alert
   * state change to {@code alertsOut} (sorted) and the dead letters to {@code deadLetters}.
   */
  static void replay(
      List<DetectionJob.NamedSource> sources, int parallelism, Path alertsOut, Path deadLetters)
      throws Exception {
    replay(sources, parallelism, alertsOut, deadLetters, DetectionOptions.defaults());
  }

  /** {@link #replay(List, int, Path, Path)} with {@code options} instead of the defaults. */
  static void replay(
      List<DetectionJob.NamedSource> sources,
      int parallelism,
      Path alertsOut,
      Path deadLetters,
      DetectionOptions options)
      throws Exception {
    StreamExecutionEnvironment env = JobCluster.environment(parallelism);
    new DetectionJob(
            sources,
            List.of(
                NdjsonFileSink.<AlertRecord>sortedAtEnd(
                    alertsOut, AlertRecord::json, AlertRecord::inFileOrder)),
            NdjsonFileSink.<DeadLetter>appending(deadLetters, DeadLetter::toJson),
            options)
        .execute(env);
  }
}
