package io.cscmon.flink.operators;

import io.cscmon.core.kpi.CallKpis;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.sim.ErlangC;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Erlang C for each queue and minute (keyed by center and queue): from the calls offered over the
 * last 15 minutes, their handle time and the agents staffed, the agents the 80/20 target requires
 * and the service level the current staffing predicts. A predicted service level well under the
 * target warns before callers feel it: the queue is building up even if the last minutes still
 * looked fine.
 *
 * <p>The minute's inputs come from two operators (call KPIs and agent counts) whose outputs can
 * arrive in any order; they are collected per minute and the forecast is made on an event-time
 * timer at the minute's end, when both are in, so the result does not depend on arrival order.
 */
public final class CapacityForecast extends KeyedProcessFunction<String, KpiSample, KpiSample> {

  public static final String PREDICTED_SERVICE_LEVEL = "predicted_service_level";
  public static final String REQUIRED_AGENTS = "required_agents";
  public static final String AGENT_SHORTFALL = "agent_shortfall";

  static final String OFFERED = CallKpis.OFFERED + CallKpis.ROLLING;
  static final String AHT = CallKpis.AHT + CallKpis.ROLLING;
  private static final double VIEW_SECONDS = 15 * 60;

  private final double targetServiceLevel;
  private final double targetAnswerSeconds;

  private transient MapState<Long, CapacityInputs> minutes;
  private transient ValueState<Double> lastAht;

  public CapacityForecast(double targetServiceLevel, double targetAnswerSeconds) {
    this.targetServiceLevel = targetServiceLevel;
    this.targetAnswerSeconds = targetAnswerSeconds;
  }

  /** Whether a sample is an input of the forecast. */
  public static boolean isInput(KpiSample sample) {
    return "queue".equals(sample.dimension())
        && (sample.kpi().equals(OFFERED)
            || sample.kpi().equals(AHT)
            || sample.kpi().equals(AgentCounts.STAFFED));
  }

  @Override
  public void open(OpenContext openContext) {
    minutes =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "minutes", Types.LONG, TypeInformation.of(CapacityInputs.class)));
    lastAht = getRuntimeContext().getState(new ValueStateDescriptor<>("last-aht", Types.DOUBLE));
  }

  @Override
  public void processElement(KpiSample sample, Context ctx, Collector<KpiSample> out)
      throws Exception {
    CapacityInputs in = minutes.get(sample.windowEnd());
    if (in == null) {
      in = new CapacityInputs();
      ctx.timerService().registerEventTimeTimer(sample.windowEnd());
    }
    switch (sample.kpi()) {
      case OFFERED -> in.offered = sample.value();
      case AHT -> in.ahtSeconds = sample.value();
      default -> in.staffed = sample.value();
    }
    minutes.put(sample.windowEnd(), in);
  }

  @Override
  public void onTimer(long end, OnTimerContext ctx, Collector<KpiSample> out) throws Exception {
    CapacityInputs in = minutes.get(end);
    minutes.remove(end);
    if (in == null) {
      return;
    }
    if (!Double.isNaN(in.ahtSeconds)) {
      lastAht.update(in.ahtSeconds);
    }
    Double aht = lastAht.value();
    if (Double.isNaN(in.offered) || Double.isNaN(in.staffed) || aht == null || in.offered <= 0) {
      return;
    }
    String[] key = ctx.getCurrentKey().split("\\|", 2);
    double callsPerSecond = in.offered / VIEW_SECONDS;
    int staffed = (int) in.staffed;
    double predicted = ErlangC.serviceLevel(staffed, callsPerSecond, aht, targetAnswerSeconds);
    int required =
        ErlangC.requiredAgents(callsPerSecond, aht, targetServiceLevel, targetAnswerSeconds);
    long evidence = Math.round(in.offered);
    long start = end - 60_000L;
    out.collect(sample(PREDICTED_SERVICE_LEVEL, key, start, end, predicted, evidence));
    out.collect(sample(REQUIRED_AGENTS, key, start, end, required, evidence));
    out.collect(sample(AGENT_SHORTFALL, key, start, end, required - staffed, evidence));
  }

  private static KpiSample sample(
      String kpi, String[] key, long start, long end, double value, long evidence) {
    return new KpiSample(kpi, key[0], "queue", key[1], start, end, value, evidence);
  }

  /** What one minute's forecast rests on; NaN until the input has arrived. */
  public static final class CapacityInputs {
    public double offered = Double.NaN;
    public double ahtSeconds = Double.NaN;
    public double staffed = Double.NaN;

    public CapacityInputs() {}
  }
}
