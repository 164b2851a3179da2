package io.cscmon.core.bench;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.kpi.CallCounts;
import io.cscmon.core.kpi.CallFact;
import io.cscmon.core.kpi.CallKpis;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.kpi.RollingCalls;
import io.cscmon.core.rule.ConditionState;
import io.cscmon.core.rule.RuleEvaluator;
import io.cscmon.core.rule.RuleEvaluators;
import io.cscmon.core.rule.RuleFiles;
import io.cscmon.core.rule.ScaledRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * Threshold rules over the KPI stream, as the rules operator runs them: each sample meets the rules
 * of its KPI ({@link RuleEvaluators}), each asked whether it applies at the sample's scope, and the
 * ones that do advance the series' condition state. The samples are the simulated calls' minute and
 * rolling KPIs, plus a volume-versus-baseline ratio per channel and topic minute (value 1: normal
 * volume) so that the volume rules have their signals. {@link ScaledRules} makes the 10 and 1,000
 * rules. The score is KPI samples per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleBench {

  static final int SAMPLES = 50_000;

  @Param({"10", "1000"})
  public int rules;

  private KpiSample[] samples;
  private RuleEvaluators evaluators;

  @Setup
  public void setUp() {
    evaluators = new RuleEvaluators(RuleFiles.parse(ScaledRules.texts(rules)).rules());
    List<KpiSample> stream = kpiStream(BenchData.repeated(CallEvent.class, SAMPLES * 2));
    if (stream.size() < SAMPLES) {
      throw new IllegalStateException("only " + stream.size() + " KPI samples");
    }
    samples = stream.subList(0, SAMPLES).toArray(new KpiSample[0]);
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public void evaluate(Blackhole out) {
    Map<String, Map<String, ConditionState>> conditions = new HashMap<>();
    for (KpiSample sample : samples) {
      Map<String, ConditionState> series =
          conditions.computeIfAbsent(sample.seriesKey(), k -> new HashMap<>());
      for (RuleEvaluator evaluator : evaluators.watching(sample.kpi())) {
        if (!evaluator.appliesTo(sample)) {
          continue;
        }
        ConditionState state =
            series.computeIfAbsent(evaluator.rule().alertname(), k -> new ConditionState());
        Optional<Alert> change = evaluator.observe(state, sample);
        out.consume(change);
      }
    }
  }

  /** Minute and rolling call KPIs per scope, in window order, plus the baseline ratios. */
  private static List<KpiSample> kpiStream(List<CallEvent> calls) {
    TreeMap<Long, Map<String, CallCounts>> minutes = new TreeMap<>();
    for (CallEvent call : calls) {
      long start = call.ts() - Math.floorMod(call.ts(), 60_000L);
      for (CallFact fact : CallFact.of(call)) {
        minutes
            .computeIfAbsent(start, s -> new TreeMap<>())
            .computeIfAbsent(fact.seriesKey(), k -> new CallCounts())
            .add(fact, KpiBench.TARGET_ANSWER_MS);
      }
    }
    Map<String, RollingCalls> rolling = new HashMap<>();
    List<KpiSample> out = new ArrayList<>();
    minutes.forEach(
        (start, series) ->
            series.forEach(
                (key, counts) -> {
                  String[] k = key.split("\\|", 3);
                  long end = start + 60_000L;
                  out.addAll(CallKpis.samples(counts, k[0], k[1], k[2], start, end, ""));
                  RollingCalls view = rolling.computeIfAbsent(key, x -> new RollingCalls(15));
                  view.add(start, counts);
                  out.addAll(
                      CallKpis.samples(
                          view.sum(end), k[0], k[1], k[2], start, end, CallKpis.ROLLING));
                  String ratio =
                      switch (k[1]) {
                        case "channel" -> "offered_vs_baseline";
                        case "topic" -> "market_topic_vs_baseline";
                        default -> null;
                      };
                  if (ratio != null) {
                    out.add(new KpiSample(ratio, k[0], k[1], k[2], start, end, 1.0, 100));
                  }
                }));
    return out;
  }
}
