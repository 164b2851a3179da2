package io.cscmon.core.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Each detector of issues 5 and 6 over the simulated events it reads, as {@link DetectorRun} runs
 * it. The score is the detector's input events per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DetectorBench {

  static final int EVENTS = 50_000;

  @Param({
    "component-health",
    "tdos",
    "traffic-loss",
    "ivr-bruteforce",
    "credential-stuffing",
    "ddos",
    "slo-burn",
    "health-anomaly"
  })
  public String detector;

  private DetectorRun run;

  @Setup
  public void setUp() {
    run = DetectorRun.of(detector, EVENTS);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void detect(Blackhole out) {
    run.run(out::consume);
  }
}
