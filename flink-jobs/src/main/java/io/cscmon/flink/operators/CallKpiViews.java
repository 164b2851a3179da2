package io.cscmon.flink.operators;

import io.cscmon.core.alert.RiskCategory;
import io.cscmon.core.kpi.CallCounts;
import io.cscmon.core.kpi.CallKpis;
import io.cscmon.core.kpi.DayLevel;
import io.cscmon.core.kpi.GeneralSurge.TopicVolume;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.kpi.RollingCalls;
import io.cscmon.core.kpi.SeasonalBaseline;
import io.cscmon.core.kpi.TopicRisk;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns the one-minute counts of a scope (keyed by {@link MinuteCounts#seriesKey()}) into KPI
 * samples: the minute's KPIs, the rolling 15-minute view, and offered volume over the last five
 * minutes against the seasonal baseline of that time of day. Rolling samples are stamped with the
 * minute that completed them (their value covers the longer span), so that consecutive samples are
 * contiguous and an alert starts at the minute the view crossed its threshold. The rolling view and
 * the baseline live in keyed state: checkpointed, and bootstrapped by replaying history.
 */
public final class CallKpiViews extends KeyedProcessFunction<String, MinuteCounts, KpiSample> {

  /**
   * Offered volume ÷ expected volume over the rolling view, for the center, channels and queues.
   */
  public static final String VS_BASELINE = "offered_vs_baseline";

  /** The same for topics whose surge points at market risk, or at credit risk. */
  public static final String MARKET_TOPIC_VS_BASELINE = "market_topic_vs_baseline";

  public static final String CREDIT_TOPIC_VS_BASELINE = "credit_topic_vs_baseline";
  public static final String TOPIC_VS_BASELINE = "topic_vs_baseline";

  /**
   * Every topic's calls and expected calls over the ratio's span, to {@link TopicSurgeFunction}:
   * market and credit topics are judged there against the center's general surge, so their ratios
   * come from there and not from here.
   */
  public static final OutputTag<TopicVolume> TOPIC_VOLUMES =
      new OutputTag<>("topic-volumes", TypeInformation.of(TopicVolume.class));

  /** The dimension of topic scopes. */
  static final String TOPIC = "topic";

  /** Calls the baseline expects over the rolling view. */
  public static final String EXPECTED = "expected_offered_15m";

  static final int ROLLING_MINUTES = 15;

  /**
   * The span of the volume-versus-baseline ratio: long enough that Poisson noise stays well inside
   * the 130% threshold at a center's volumes, short enough to see a surge within five minutes.
   */
  static final int BASELINE_MINUTES = 5;

  /** A slot is trusted once it has learned a full slot of one day. */
  static final int MIN_LEARNED_MINUTES = 15;

  private final ZoneId zone;
  private transient ValueState<RollingCalls> rolling;
  private transient ValueState<SeasonalBaseline> baseline;
  private transient ValueState<DayLevel> dayLevel;

  public CallKpiViews(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public void open(OpenContext openContext) {
    rolling =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("rolling", TypeInformation.of(RollingCalls.class)));
    baseline =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("baseline", TypeInformation.of(SeasonalBaseline.class)));
    dayLevel =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("day-level", TypeInformation.of(DayLevel.class)));
  }

  @Override
  public void processElement(MinuteCounts minute, Context ctx, Collector<KpiSample> out)
      throws Exception {
    String center = minute.center();
    String dimension = minute.dimension();
    String scope = minute.scope();
    CallKpis.samples(minute.counts(), center, dimension, scope, minute.start(), minute.end(), "")
        .forEach(out::collect);

    RollingCalls window = rolling.value();
    if (window == null) {
      window = new RollingCalls(ROLLING_MINUTES);
    }
    window.add(minute.start(), minute.counts().copy()); // keeps it: a copy, not the record
    rolling.update(window);
    long viewStart = minute.end() - ROLLING_MINUTES * 60_000L;
    CallCounts view = window.sum(minute.end());
    CallKpis.samples(view, center, dimension, scope, minute.start(), minute.end(), CallKpis.ROLLING)
        .forEach(out::collect);

    SeasonalBaseline seasonal = baseline.value();
    if (seasonal == null) {
      seasonal = new SeasonalBaseline();
    }
    long ratioStart = minute.end() - BASELINE_MINUTES * 60_000L;
    Expected expected = expectedOver(seasonal, viewStart, ratioStart, minute.end());
    if (expected.view > 0) {
      out.collect(
          new KpiSample(
              EXPECTED,
              center,
              dimension,
              scope,
              minute.start(),
              minute.end(),
              expected.view,
              Math.round(expected.view)));
    }
    DayLevel today = dayLevel.value();
    if (today == null) {
      today = new DayLevel();
    }
    // Expected volume scaled by how busy today runs, so a busy-but-normal day does not alert.
    double expectedRatio = expected.ratio * today.level();
    boolean surging = false;
    if (expectedRatio > 0) {
      long offered = window.sum(minute.end(), BASELINE_MINUTES).offered(dimension);
      surging = SeasonalBaseline.surging(offered, expectedRatio);
      boolean topic = TOPIC.equals(dimension);
      if (topic) {
        ctx.output(
            TOPIC_VOLUMES,
            new TopicVolume(center, scope, minute.start(), minute.end(), offered, expectedRatio));
      }
      if (!topic || TopicRisk.of(scope) == null) {
        out.collect(
            new KpiSample(
                baselineKpi(dimension, scope),
                center,
                dimension,
                scope,
                minute.start(),
                minute.end(),
                offered / expectedRatio,
                Math.round(expectedRatio)));
      }
    }
    int slot = SeasonalBaseline.slot(minute.start(), zone);
    long offeredMinute = minute.counts().offered(dimension);
    if (seasonal.knows(slot, MIN_LEARNED_MINUTES)) {
      today.add(
          SeasonalBaseline.epochDay(minute.start(), zone), offeredMinute, seasonal.expected(slot));
      dayLevel.update(today);
    }
    seasonal.learn(slot, offeredMinute, surging);
    baseline.update(seasonal);
  }

  /**
   * Calls the baseline expects over the rolling view and over the ratio's span.
   *
   * @param view over {@code [viewStart, end)}, or 0 while any minute's slot is unknown
   * @param ratio the same over {@code [ratioStart, end)}, the view's last minutes
   */
  private record Expected(double view, double ratio) {}

  /**
   * Both spans of {@link Expected} in one pass over the view's minutes, each sum adding its minutes
   * in time order as a pass of its own would (so the same doubles come out).
   */
  private Expected expectedOver(
      SeasonalBaseline seasonal, long viewStart, long ratioStart, long end) {
    double view = 0;
    double ratio = 0;
    boolean viewKnown = true;
    boolean ratioKnown = true;
    for (long t = viewStart; t < end; t += 60_000L) {
      int minuteOfDay = SeasonalBaseline.minuteOfDay(t, zone);
      if (!seasonal.knows(minuteOfDay / SeasonalBaseline.SLOT_MINUTES, MIN_LEARNED_MINUTES)) {
        viewKnown = false;
        ratioKnown &= t < ratioStart;
        continue;
      }
      double expected = seasonal.expectedMinute(minuteOfDay, MIN_LEARNED_MINUTES);
      view += expected;
      if (t >= ratioStart) {
        ratio += expected;
      }
    }
    return new Expected(viewKnown ? view : 0, ratioKnown ? ratio : 0);
  }

  static String baselineKpi(String dimension, String scope) {
    if (!TOPIC.equals(dimension)) {
      return VS_BASELINE;
    }
    RiskCategory risk = TopicRisk.of(scope);
    if (risk == RiskCategory.MARKET) {
      return MARKET_TOPIC_VS_BASELINE;
    }
    if (risk == RiskCategory.CREDIT) {
      return CREDIT_TOPIC_VS_BASELINE;
    }
    return TOPIC_VS_BASELINE;
  }
}
