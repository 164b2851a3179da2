package io.cscmon.flink.launcher;

import io.cscmon.flink.job.DetectionJob;
import io.cscmon.flink.job.DetectionOptions;
import io.cscmon.flink.job.FileInputs;
import io.cscmon.flink.operators.AlertRecord;
import io.cscmon.flink.operators.DeadLetter;
import io.cscmon.flink.sink.NdjsonFileSink;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code replay --input F --alerts-out G}: the complete detection pipeline over a recorded file in
 * event time, as fast as it goes. Every alert state change is written to G, sorted, so the same
 * input gives the same bytes.
 */
final class ReplayCommand {
  private ReplayCommand() {}

  static final Set<String> OPTIONS =
      Set.of("input", "alerts-out", "dead-letter-out", "rules", "parallelism");

  static int run(String[] argv, PrintStream out) throws Exception {
    Args args = Args.parse(argv, OPTIONS, Set.of());
    Path input = Path.of(args.require("input"));
    if (!Files.isRegularFile(input)) {
      throw new Args.UsageException("--input " + input + " is not a readable file");
    }
    requireGzipIfNamedSo(input);
    Path alertsOut = Path.of(args.require("alerts-out"));
    Path deadLetters = Path.of(args.get("dead-letter-out", alertsOut + ".dead-letters.ndjson"));
    DetectionOptions options = RuleOptions.apply(args, DetectionOptions.defaults());

    DetectionJob job =
        new DetectionJob(
            List.of(FileInputs.file(input)),
            List.of(
                NdjsonFileSink.<AlertRecord>sortedAtEnd(
                    alertsOut, AlertRecord::json, AlertRecord::inFileOrder)),
            NdjsonFileSink.<DeadLetter>appending(deadLetters, DeadLetter::toJson),
            options);
    long started = System.nanoTime();
    job.execute(FlinkEnvironments.embedded(args.integer("parallelism", 0)));
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(
        "replayed %s in %.1f s: %d alert state changes -> %s, %d rejected lines -> %s%n",
        input, seconds, lines(alertsOut), alertsOut, lines(deadLetters), deadLetters);
    return 0;
  }

  /**
   * Flink's file source inflates a file by its extension: a {@code .gz} that is not gzip failed in
   * the middle of the job with "Not in GZIP format" and a stack trace. Said here instead, with what
   * to do; a gzip stream cut short is the reader's business (a dead letter where it breaks).
   */
  private static void requireGzipIfNamedSo(Path input) throws IOException {
    if (!input.getFileName().toString().endsWith(".gz")) {
      return;
    }
    byte[] head = new byte[2];
    int n;
    try (var in = Files.newInputStream(input)) {
      n = in.readNBytes(head, 0, 2);
    }
    if (n < 2 || (head[0] & 0xFF) != 0x1F || (head[1] & 0xFF) != 0x8B) {
      throw new Args.UsageException(
          "--input "
              + input
              + " is named .gz but is not gzip ("
              + (n == 0 ? "it is empty" : "it does not start with gzip's magic bytes 1f 8b")
              + "): compress it with gzip, or name it .ndjson if it is plain text");
    }
  }

  private static long lines(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    }
  }
}
