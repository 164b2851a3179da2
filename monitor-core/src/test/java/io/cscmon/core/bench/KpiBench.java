package io.cscmon.core.bench;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.kpi.CallCounts;
import io.cscmon.core.kpi.CallFact;
import io.cscmon.core.kpi.CallKpis;
import io.cscmon.core.kpi.RollingCalls;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/**
 * The KPI path of issue 4 on one core, without Flink: each call event fans out to its scopes'
 * facts, the facts are counted per scope and minute, and every closed minute yields its KPI samples
 * and the rolling 15-minute view's. The score is call events per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KpiBench {

  static final long TARGET_ANSWER_MS = 20_000;
  static final int CALLS = 100_000;

  private CallEvent[] calls;

  @Setup
  public void setUp() {
    calls = BenchData.repeated(CallEvent.class, CALLS).toArray(new CallEvent[0]);
  }

  @Benchmark
  @OperationsPerInvocation(CALLS)
  public long callKpis(Blackhole out) {
    Map<String, CallCounts> minute = new HashMap<>();
    Map<String, RollingCalls> rolling = new HashMap<>();
    long minuteStart = Long.MIN_VALUE;
    long samples = 0;
    for (CallEvent call : calls) {
      long start = call.ts() - Math.floorMod(call.ts(), 60_000L);
      if (start != minuteStart) {
        samples += close(minute, rolling, minuteStart, out);
        minuteStart = start;
      }
      for (CallFact fact : CallFact.of(call)) {
        minute.computeIfAbsent(fact.seriesKey(), k -> new CallCounts()).add(fact, TARGET_ANSWER_MS);
      }
    }
    return samples + close(minute, rolling, minuteStart, out);
  }

  private static long close(
      Map<String, CallCounts> minute,
      Map<String, RollingCalls> rolling,
      long start,
      Blackhole out) {
    long samples = 0;
    long end = start + 60_000L;
    for (Map.Entry<String, CallCounts> series : minute.entrySet()) {
      String[] key = series.getKey().split("\\|", 3);
      List<?> now = CallKpis.samples(series.getValue(), key[0], key[1], key[2], start, end, "");
      RollingCalls view = rolling.computeIfAbsent(series.getKey(), k -> new RollingCalls(15));
      view.add(start, series.getValue());
      List<?> views =
          CallKpis.samples(view.sum(end), key[0], key[1], key[2], start, end, CallKpis.ROLLING);
      out.consume(now);
      out.consume(views);
      samples += now.size() + views.size();
    }
    minute.clear();
    return samples;
  }
}
