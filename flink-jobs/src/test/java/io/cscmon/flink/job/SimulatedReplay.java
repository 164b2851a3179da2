package io.cscmon.flink.job;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.Simulator;
import io.cscmon.flink.operators.AlertRecord;
import io.cscmon.flink.operators.DeadLetter;
import io.cscmon.flink.sink.NdjsonFileSink;
import io.cscmon.flink.source.NumberedLineFormat;
import io.cscmon.flink.source.RawLine;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.file.src.FileSource;
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
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    env.configure(conf);
    env.setParallelism(2);
    FileSource<RawLine> source =
        FileSource.forRecordStreamFormat(
                new NumberedLineFormat("simulated"),
                new org.apache.flink.core.fs.Path(input.toUri()))
            .build();
    new DetectionJob(
            List.of(new DetectionJob.NamedSource(source, "simulated")),
            List.of(
                NdjsonFileSink.<AlertRecord>sortedAtEnd(
                    alertsOut, AlertRecord::json, AlertRecord::inFileOrder)),
            NdjsonFileSink.<DeadLetter>appending(deadLetters, DeadLetter::toJson),
            DetectionOptions.defaults())
        .execute(env);
    return new SimulatedReplay(
        Files.readAllLines(alertsOut).stream().map(AlertJson::decode).toList(),
        Files.readAllLines(deadLetters));
  }
}
