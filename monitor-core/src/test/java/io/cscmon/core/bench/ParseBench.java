package io.cscmon.core.bench;

import io.cscmon.core.parse.EventParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Parsing and validating contract lines (the job's first operator): lines per second. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseBench {

  static final int LINES = 50_000;

  private String[] lines;
  private EventParser parser;

  @Setup
  public void setUp() {
    List<String> all = BenchData.lines();
    lines = new String[LINES];
    for (int i = 0; i < LINES; i++) {
      lines[i] = all.get(i % all.size());
    }
    parser = new EventParser();
  }

  /** The simulator's mix: calls, agents, health, logins, access lines (10% RFC 3339 times). */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public void simulatedMix(Blackhole out) {
    for (int i = 0; i < LINES; i++) {
      out.consume(parser.parse(lines[i], i + 1));
    }
  }
}
