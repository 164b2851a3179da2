package io.cscmon.flink.job;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.flink.operators.AlertRecord;
import io.cscmon.flink.operators.CallCountsAggregate;
import io.cscmon.flink.operators.CallKpiViews;
import io.cscmon.flink.operators.DeadLetter;
import io.cscmon.flink.operators.DropLateEvents;
import io.cscmon.flink.operators.EventTimeWatermarks;
import io.cscmon.flink.operators.Keys;
import io.cscmon.flink.operators.ParseEvents;
import io.cscmon.flink.operators.ThresholdAlerting;
import io.cscmon.flink.operators.ToCallFacts;
import io.cscmon.flink.operators.ToMinuteCounts;
import io.cscmon.flink.source.RawLine;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The detection pipeline: raw lines → parse and validate (bad lines to the dead-letter sink) → KPIs
 * in event-time windows → threshold rules → alert state changes to the alert sinks. Sources and
 * sinks come in through the constructor, so that the launcher picks production ones and tests pick
 * theirs; {@link #build} wires the same graph for both.
 */
public final class DetectionJob {

  /** Event time advances in steps of a second: fine enough for minute windows, cheap enough. */
  static final Duration WATERMARK_STEP = Duration.ofSeconds(1);

  private final List<NamedSource> sources;
  private final List<Sink<AlertRecord>> alertSinks;
  private final Sink<DeadLetter> deadLetterSink;
  private final List<Sink<KpiSample>> kpiSinks;
  private final DetectionOptions options;

  /** A source of raw lines and the name its operator shows in Flink. */
  public record NamedSource(Source<RawLine, ?, ?> source, String name) {}

  public DetectionJob(
      List<NamedSource> sources,
      List<Sink<AlertRecord>> alertSinks,
      Sink<DeadLetter> deadLetterSink,
      DetectionOptions options) {
    this(sources, alertSinks, deadLetterSink, List.of(), options);
  }

  /**
   * @param kpiSinks where the KPI stream goes besides the rules (the service's gauges, Kafka)
   */
  public DetectionJob(
      List<NamedSource> sources,
      List<Sink<AlertRecord>> alertSinks,
      Sink<DeadLetter> deadLetterSink,
      List<Sink<KpiSample>> kpiSinks,
      DetectionOptions options) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("the detection job needs at least one source");
    }
    this.sources = List.copyOf(sources);
    this.alertSinks = List.copyOf(alertSinks);
    this.deadLetterSink = deadLetterSink;
    this.kpiSinks = List.copyOf(kpiSinks);
    this.options = options;
  }

  /** Runs the job to its end (bounded sources) on {@code env}. */
  public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
    build(env);
    return env.execute("cscmon detection");
  }

  /** Starts the job on {@code env} and returns at once (unbounded sources). */
  public JobClient executeAsync(StreamExecutionEnvironment env) throws Exception {
    build(env);
    return env.executeAsync("cscmon detection");
  }

  /** Wires the pipeline into {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    DataStream<RawLine> lines = null;
    for (int i = 0; i < sources.size(); i++) {
      NamedSource named = sources.get(i);
      DataStream<RawLine> stream =
          env.fromSource(named.source(), WatermarkStrategy.noWatermarks(), named.name())
              .uid("source-" + i);
      lines = lines == null ? stream : lines.union(stream);
    }

    SingleOutputStreamOperator<CallEvent> calls =
        lines
            .process(new ParseEvents(options.ingestMetricsName()))
            .uid("parse-events")
            .name("Parse and validate events");

    Duration tolerance = options.outOfOrderness(); // a local, so the lambda does not capture this
    SingleOutputStreamOperator<CallEvent> timedCalls =
        calls
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<CallEvent>forGenerator(
                        ctx -> new EventTimeWatermarks<>(tolerance, WATERMARK_STEP))
                    .withTimestampAssigner((call, previous) -> call.ts())
                    .withIdleness(options.idleness()))
            .uid("call-watermarks")
            .name("Event time of calls")
            .process(new DropLateEvents<CallEvent>(options.ingestMetricsName()))
            .uid("late-calls")
            .name("Separate late calls");

    SingleOutputStreamOperator<KpiSample> callKpis =
        timedCalls
            .flatMap(new ToCallFacts())
            .uid("call-facts")
            .name("Call facts per scope")
            .keyBy(new Keys.FactSeries())
            .window(TumblingEventTimeWindows.of(options.kpiWindow()))
            .aggregate(
                new CallCountsAggregate(options.targetAnswer().toMillis()), new ToMinuteCounts())
            .uid("call-counts-window")
            .name("Call counts per scope and minute")
            .keyBy(new Keys.MinuteSeries())
            .process(new CallKpiViews(options.zone()))
            .uid("call-kpi-views")
            .name("Call KPIs, rolling views, baselines");
    for (int i = 0; i < kpiSinks.size(); i++) {
      // A uid on every sink too: the Kafka sinks keep their transactions in state.
      callKpis.sinkTo(kpiSinks.get(i)).setParallelism(1).uid("kpi-sink-" + i).name("KPIs " + i);
    }

    DataStream<AlertRecord> alerts =
        callKpis
            .keyBy(new Keys.Series())
            .process(new ThresholdAlerting(options.rules(), options.staleAfter(), options.zone()))
            .uid("threshold-alerting")
            .name("Threshold rules");

    for (int i = 0; i < alertSinks.size(); i++) {
      alerts.sinkTo(alertSinks.get(i)).setParallelism(1).uid("alert-sink-" + i).name("Alerts " + i);
    }

    calls
        .getSideOutput(ParseEvents.DEAD_LETTERS)
        .union(timedCalls.getSideOutput(DropLateEvents.LATE))
        .sinkTo(deadLetterSink)
        .setParallelism(1)
        .uid("dead-letter-sink")
        .name("Dead letters");
  }
}
