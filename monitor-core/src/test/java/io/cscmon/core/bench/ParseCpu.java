package io.cscmon.core.bench;

import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.ParseResult;
import io.cscmon.core.parse.TimestampGuard;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Lines parsed per thread-CPU second over a whole file, round after round: on this shared machine
 * JMH's wall-clock scores move with the other tenants' load, the parsing thread's CPU time much
 * less. Uses only {@link EventParser}'s public API, so the same class measures an older jar too:
 * {@code java -cp OLD.jar:monitor-core/target/test-classes io.cscmon.core.bench.ParseCpu FILE 6}.
 */
public final class ParseCpu {
  private ParseCpu() {}

  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    long events = 0;
    for (int round = 1; round <= rounds; round++) {
      EventParser parser =
          new EventParser(new TimestampGuard(), EventParser.DEFAULT_MAX_LINE_CHARS);
      long start = bean.getCurrentThreadCpuTime();
      long n = 0;
      for (String line : lines) {
        if (parser.parse(line, ++n) instanceof ParseResult.Parsed) {
          events++;
        }
      }
      double seconds = (bean.getCurrentThreadCpuTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "round %d: %,d lines, %.2f CPU s, %,.0f lines per CPU s%n",
          round,
          n,
          seconds,
          n / seconds);
    }
    System.out.printf(Locale.ROOT, "%,d events accepted in all rounds%n", events);
  }
}
