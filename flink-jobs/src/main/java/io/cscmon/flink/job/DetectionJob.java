package io.cscmon.flink.job;

import io.cscmon.core.detect.ComponentMap;
import io.cscmon.core.detect.Detectors;
import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.kpi.CallsWaitingNow;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.kpi.WaitingCall;
import io.cscmon.core.rule.DetectorSettings;
import io.cscmon.flink.operators.AgentCounts;
import io.cscmon.flink.operators.AgentStates;
import io.cscmon.flink.operators.AlertPassFunction;
import io.cscmon.flink.operators.AlertRecord;
import io.cscmon.flink.operators.CallCountsAggregate;
import io.cscmon.flink.operators.CallKpiViews;
import io.cscmon.flink.operators.CallsWaiting;
import io.cscmon.flink.operators.CapacityForecast;
import io.cscmon.flink.operators.DeadLetter;
import io.cscmon.flink.operators.DetectorFunction;
import io.cscmon.flink.operators.EmergencyAlerting;
import io.cscmon.flink.operators.EventTimeWatermarks;
import io.cscmon.flink.operators.KeyedFanOut;
import io.cscmon.flink.operators.Keys;
import io.cscmon.flink.operators.MinuteCounts;
import io.cscmon.flink.operators.ParseEvents;
import io.cscmon.flink.operators.ParseEventsOperator;
import io.cscmon.flink.operators.PreAggregateCallCounts;
import io.cscmon.flink.operators.RuleInputs;
import io.cscmon.flink.operators.ThresholdAlerting;
import io.cscmon.flink.operators.ToMinuteCounts;
import io.cscmon.flink.operators.TopicMixFunction;
import io.cscmon.flink.operators.TopicSurgeFunction;
import io.cscmon.flink.serial.CompactTypes;
import io.cscmon.flink.source.LineTimestamps;
import io.cscmon.flink.source.RawLine;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
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
  private Source<Map<String, String>, ?, ?> ruleUpdates;
  private String eventMetrics;

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

  /**
   * Rule files to reload while the job runs (each element a complete set, file name → text); see
   * {@link ThresholdAlerting}. Without it the job runs {@link DetectionOptions#rules()} throughout.
   */
  public DetectionJob withRuleUpdates(Source<Map<String, String>, ?, ?> source) {
    this.ruleUpdates = source;
    return this;
  }

  /**
   * Sets the {@link io.cscmon.core.metrics.EventMetrics} registered under this {@link
   * io.cscmon.flink.LocalServices} name from the event streams (see {@link EventMetricsWiring}).
   */
  public DetectionJob withEventMetrics(String name) {
    this.eventMetrics = name;
    return this;
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
    // The records crossing keyed edges are given compact serializers where their streams are
    // declared (CompactTypes; the parse operator's side outputs carry theirs), never through their
    // classes: the keyed state holding the same classes keeps the POJO serializer of its
    // savepoints.
    // Chained operators hand each other the same object instead of a serializer copy: every record
    // type on the data path is immutable, and no operator keeps or changes a record it was handed.
    env.getConfig().enableObjectReuse();
    Duration tolerance = options.outOfOrderness(); // a local, so the lambda does not capture this
    boolean live = isLive();
    // Event time per split (file, Kafka partition): stamped on the raw line at the source, one
    // generator per split, the source's watermark their minimum. A reader ahead on one partition
    // then no longer makes another partition's events late; ParseEvents decides lateness per input
    // from the same times.
    WatermarkStrategy<RawLine> perSplit =
        WatermarkStrategy.<RawLine>forGenerator(
                ctx ->
                    live
                        ? EventTimeWatermarks.<RawLine>live(tolerance, WATERMARK_STEP)
                        : EventTimeWatermarks.<RawLine>replay(tolerance, WATERMARK_STEP))
            .withTimestampAssigner(new LineTimestamps())
            .withIdleness(options.idleness());
    DataStream<RawLine> lines = null;
    for (int i = 0; i < sources.size(); i++) {
      NamedSource named = sources.get(i);
      DataStream<RawLine> stream =
          env.fromSource(named.source(), perSplit, named.name()).uid("source-" + i);
      lines = lines == null ? stream : lines.union(stream);
    }

    SingleOutputStreamOperator<CallEvent> calls =
        lines
            .transform(
                "Parse and validate events",
                CompactTypes.CALL_EVENT,
                new ParseEventsOperator(
                    new ParseEvents(options.ingestMetricsName(), tolerance, WATERMARK_STEP, live)))
            .uid("parse-events")
            .name("Parse and validate events");
    DataStream<CallEvent> timedCalls = calls;

    SingleOutputStreamOperator<MinuteCounts> minuteCounts =
        timedCalls
            .transform(
                "Call counts per subtask and scope",
                CompactTypes.MINUTE_COUNTS,
                new PreAggregateCallCounts(options.kpiWindow(), options.targetAnswer()))
            .uid("call-counts-partial")
            .keyBy(new Keys.MinuteSeries())
            .window(TumblingEventTimeWindows.of(options.kpiWindow()))
            .aggregate(new CallCountsAggregate(), new ToMinuteCounts())
            .returns(CompactTypes.MINUTE_COUNTS)
            .uid("call-counts-window")
            .name("Call counts per scope and minute");
    // Market and credit topics and channels on a center's first day: their share of the center's
    // calls, keyed by center (a few records a minute), for the minutes the seasonal baseline cannot
    // judge yet.
    SingleOutputStreamOperator<KpiSample> topicMix =
        minuteCounts
            .filter(TopicMixFunction::isInput)
            .uid("topic-mix-input")
            .name("Center, channel and market/credit topic counts")
            .keyBy(new Keys.MinuteCenter())
            .process(new TopicMixFunction(options.zone()))
            .returns(CompactTypes.KPI_SAMPLE)
            .uid("topic-mix")
            .name("Topic surges and channel peaks against the center's mix (first day)");
    SingleOutputStreamOperator<KpiSample> callKpis =
        minuteCounts
            .keyBy(new Keys.MinuteSeries())
            .process(new CallKpiViews(options.zone()))
            .returns(CompactTypes.KPI_SAMPLE)
            .uid("call-kpi-views")
            .name("Call KPIs, rolling views, baselines");
    // Market and credit topics against their baselines, beyond the center's general surge: each
    // topic's volume leaves its own key of the views and meets the center's others here.
    SingleOutputStreamOperator<KpiSample> topicSurges =
        callKpis
            .getSideOutput(CallKpiViews.TOPIC_VOLUMES)
            .keyBy(new Keys.VolumeCenter())
            .process(new TopicSurgeFunction())
            .returns(CompactTypes.KPI_SAMPLE)
            .uid("topic-surge")
            .name("Market and credit topics beyond the general surge");
    DataStream<AgentEvent> timedAgents = calls.getSideOutput(ParseEvents.AGENTS);
    SingleOutputStreamOperator<KpiSample> agentKpis =
        timedAgents
            .keyBy(new Keys.Agent())
            .process(new AgentStates())
            .uid("agent-states")
            .name("Agent states")
            .keyBy(new Keys.MoveQueue())
            .process(new AgentCounts())
            .returns(CompactTypes.KPI_SAMPLE)
            .uid("agent-counts")
            .name("Agents per queue and state");
    SingleOutputStreamOperator<KpiSample> capacityKpis =
        callKpis
            .filter(CapacityForecast::isInput)
            .uid("queue-load")
            .name("Queue load")
            .union(
                agentKpis
                    .filter(CapacityForecast::isInput)
                    .uid("queue-staffing")
                    .name("Queue staffing"))
            .keyBy(new Keys.SampleQueue())
            .process(
                new CapacityForecast(
                    options.targetServiceLevel(), options.targetAnswer().toSeconds()))
            .returns(CompactTypes.KPI_SAMPLE)
            .uid("capacity-forecast")
            .name("Erlang C capacity per queue");
    // Calls waiting and TDoS are both per center: the calls either needs cross to the center's
    // subtask once, where each takes its own from the same chain (see callsByCenter).
    DataStream<CallEvent> callsByCenter = callsByCenter(timedCalls);
    SingleOutputStreamOperator<KpiSample> waitingKpis =
        DataStreamUtils.reinterpretAsKeyedStream(
                callsByCenter
                    .filter(WaitingCall::matters)
                    .uid("queue-calls")
                    .name("Calls in queues"),
                new Keys.CallCenter())
            .process(new CallsWaiting(instantReadings(live)))
            .returns(CompactTypes.KPI_SAMPLE)
            .uid("calls-waiting")
            .name("Calls waiting and longest wait now");
    DataStream<KpiSample> kpis =
        callKpis.union(topicMix, topicSurges, agentKpis, capacityKpis, waitingKpis);
    for (int i = 0; i < kpiSinks.size(); i++) {
      // A uid on every sink too: the Kafka sinks keep their transactions in state.
      kpis.sinkTo(kpiSinks.get(i)).setParallelism(1).uid("kpi-sink-" + i).name("KPIs " + i);
    }

    // Only what a rule could watch crosses to the rules: each producer filters its own samples
    // (chained to it), so the other nine in ten are never serialized or keyed.
    RuleInputs ruleInputs = new RuleInputs(options.rules());
    DataStream<KpiSample> watchable =
        callKpis
            .filter(ruleInputs)
            .uid("rule-inputs-calls")
            .name("Rule signals")
            .union(
                topicMix.filter(ruleInputs).uid("rule-inputs-topic-mix").name("Rule signals"),
                topicSurges.filter(ruleInputs).uid("rule-inputs-topic-surge").name("Rule signals"),
                agentKpis.filter(ruleInputs).uid("rule-inputs-agents").name("Rule signals"),
                capacityKpis.filter(ruleInputs).uid("rule-inputs-capacity").name("Rule signals"),
                waitingKpis.filter(ruleInputs).uid("rule-inputs-waiting").name("Rule signals"));
    DataStream<AlertRecord> alerts =
        watchable
            .keyBy(new Keys.Series())
            .connect(
                RuleUpdates.stream(env, ruleUpdates, live).broadcast(ThresholdAlerting.RULE_FILES))
            .process(new ThresholdAlerting(options.rules(), options.staleAfter(), options.zone()))
            .uid("threshold-alerting")
            .name("Threshold rules");

    DataStream<AlertRecord> detected = detectors(calls, timedCalls, callsByCenter, tolerance, live);
    alerts = alerts.union(detected);
    DataStream<AlertRecord> emergencies =
        alerts
            .keyBy(new EmergencyAlerting.Center())
            .process(new EmergencyAlerting(options.zone(), options.rules().emergency()))
            .uid("emergency-activation")
            .name("Center-wide emergency activation");
    alerts = alerts.union(emergencies);

    for (int i = 0; i < alertSinks.size(); i++) {
      alerts.sinkTo(alertSinks.get(i)).setParallelism(1).uid("alert-sink-" + i).name("Alerts " + i);
    }

    calls
        .getSideOutput(ParseEvents.DEAD_LETTERS)
        .sinkTo(deadLetterSink)
        .setParallelism(1)
        .uid("dead-letter-sink")
        .name("Dead letters");
  }

  /**
   * The detectors of outages, degradation and attacks (issues 5 and 6), each keyed by the scope it
   * judges: components by (center, component), their anomalies by instance; telephony denial of
   * service by center; traffic loss by (center, channel); IVR PIN guessing by center; credential
   * stuffing and DDoS by (center, channel). Outages then pass the multi-center levels (by
   * component), the technical alerts, credential stuffing and TDoS the root-cause tagging (by
   * center), and all of them the attack levels by service impact (by center). Live (any source
   * unbounded), heartbeats and traffic loss have a processing-time fallback and the alert passes
   * take alerts as they come; in replay everything is in event time, so the output is the same
   * bytes every run.
   */
  private DataStream<AlertRecord> detectors(
      SingleOutputStreamOperator<CallEvent> calls,
      DataStream<CallEvent> timedCalls,
      DataStream<CallEvent> callsByCenter,
      Duration tolerance,
      boolean live) {
    ZoneId zone = options.zone();
    String metrics = options.ingestMetricsName();
    DataStream<HealthEvent> health = calls.getSideOutput(ParseEvents.HEALTH);
    DataStream<AuthEvent> auth = calls.getSideOutput(ParseEvents.AUTH);
    DataStream<AccessEvent> access = calls.getSideOutput(ParseEvents.ACCESS);

    ComponentMap map = Detectors.defaultComponentMap();
    DetectorSettings settings = options.rules().detectors(); // fixed for the job's life
    Duration fallback = live ? tolerance.plus(WATERMARK_STEP) : null;
    // Outages and budget burn are both per (center, component): each health event crosses to its
    // component's subtask once, and both detectors read it there from the same chain.
    DataStream<HealthEvent> byComponent =
        health
            .keyBy(new Keys.Component())
            .filter(new KeyedFanOut<>())
            .uid("health-by-component")
            .name("Health per component");
    DataStream<AlertRecord> components =
        DataStreamUtils.reinterpretAsKeyedStream(byComponent, new Keys.Component())
            .process(
                new DetectorFunction<>(Detectors.componentHealth(settings, map), zone, fallback))
            .uid("component-health")
            .name("Component outages and degradation")
            .keyBy(new Keys.AlertComponent())
            .process(
                new AlertPassFunction<>(Detectors.multiCenterOutage(settings, map), zone, !live))
            .uid("multi-center-outage")
            .name("Outage levels across centers");
    DataStream<AlertRecord> burn =
        DataStreamUtils.reinterpretAsKeyedStream(byComponent, new Keys.Component())
            .process(new DetectorFunction<>(Detectors.sloBurn(settings, map), zone))
            .uid("slo-burn")
            .name("Error and latency budget burn");
    DataStream<AlertRecord> anomalies =
        health
            .keyBy(new Keys.Instance())
            .process(new DetectorFunction<>(Detectors.healthAnomaly(settings, zone), zone))
            .uid("health-anomaly")
            .name("Seasonal anomalies per instance");
    DataStream<AlertRecord> tdos =
        DataStreamUtils.reinterpretAsKeyedStream(
                callsByCenter
                    .filter(DetectionJob::tdosWatches)
                    .uid("voice-calls")
                    .name("Voice calls"),
                new Keys.CallCenter())
            .process(new DetectorFunction<>(Detectors.tdos(settings, zone), zone))
            .uid("tdos")
            .name("Telephony denial of service");
    DataStream<AlertRecord> trafficLoss =
        timedCalls
            .filter(c -> c.phase() == CallPhase.ARRIVED)
            .uid("arrivals")
            .name("Arrivals")
            .keyBy(new Keys.CallChannel())
            .process(new DetectorFunction<>(Detectors.trafficLoss(settings, zone), zone, fallback))
            .uid("traffic-loss")
            .name("Silent traffic loss per channel");
    DataStream<AlertRecord> bruteForce =
        auth.filter(a -> "ivr".equals(a.channel()))
            .uid("ivr-auth")
            .name("IVR authentications")
            .keyBy(new Keys.AuthCenter())
            .process(new DetectorFunction<>(Detectors.ivrBruteForce(settings), zone))
            .uid("ivr-bruteforce")
            .name("IVR PIN brute force");
    DataStream<AlertRecord> stuffing =
        auth.filter(a -> !"ivr".equals(a.channel()))
            .uid("online-logins")
            .name("Online logins")
            .keyBy(new Keys.AuthChannel())
            .process(new DetectorFunction<>(Detectors.credentialStuffing(settings), zone))
            .uid("credential-stuffing")
            .name("Credential stuffing");
    DataStream<AlertRecord> ddos =
        access
            .keyBy(new Keys.AccessChannel())
            .process(new DetectorFunction<>(Detectors.ddos(settings, zone), zone))
            .uid("ddos")
            .name("Volumetric DDoS");
    EventMetricsWiring.attach(eventMetrics, health, auth, access, timedCalls);
    // Credential stuffing and TDoS pass the root-cause tagging too: logins failing because the
    // auth backend (core_banking) is down look like stuffing from the carrier NATs, callers
    // redialling an IVR that is down like a TDoS (an outside sweep paged them at levels III and
    // II);
    // tagged, the outage's inhibit rule holds them. An attack is tagged only by an outage that
    // began
    // before it: a flood that takes the IVR down stays the cause (RootCauseTagger). Not DDoS: its
    // volumetric minute has no failing-outage look-alike.
    DataStream<AlertRecord> technical =
        components
            .union(trafficLoss, burn, anomalies, stuffing, tdos)
            .keyBy(new Keys.AlertCenter())
            .process(new AlertPassFunction<>(Detectors.rootCause(map), zone, !live))
            .uid("root-cause")
            .name("Root causes of symptoms");
    return technical
        .union(bruteForce, ddos)
        .keyBy(new Keys.AlertCenter())
        .process(new AlertPassFunction<>(Detectors.attackImpact(map), zone, !live))
        .uid("attack-impact")
        .name("Attack levels by service impact");
  }

  /**
   * The calls that {@link CallsWaiting} or the TDoS detector reads, keyed by center: one crossing
   * for both, where each had its own (a queued call went twice). Each takes its calls with a filter
   * chained behind this one and runs keyed by the same {@link Keys.CallCenter}, reinterpreted: the
   * records are already on the subtask of their key, and the state and uids are as before.
   */
  private static DataStream<CallEvent> callsByCenter(DataStream<CallEvent> timedCalls) {
    return timedCalls
        .filter(c -> WaitingCall.matters(c) || tdosWatches(c))
        .uid("calls-per-center")
        .name("Calls in queues or by voice")
        .keyBy(new Keys.CallCenter())
        .filter(new KeyedFanOut<>())
        .uid("calls-by-center")
        .name("Calls per center");
  }

  /** What TDoS reads: every phase but arrival, and voice arrivals. */
  private static boolean tdosWatches(CallEvent c) {
    return c.phase() != CallPhase.ARRIVED || "voice".equals(Detectors.channelOf(c));
  }

  /**
   * Whether {@link CallsWaiting} emits its instant readings ({@link CallsWaitingNow}): whenever a
   * rule could watch them (live, where the wallboard gauges want them too, with rules that can be
   * reloaded, or initial rules that watch them). A replay of rules that do not leaves them off and
   * pays nothing for them.
   */
  private boolean instantReadings(boolean live) {
    return live
        || ruleUpdates != null
        || options.rules().rules().stream()
            .anyMatch(r -> CallsWaitingNow.CALLS_WAITING_NOW.equals(r.kpi()));
  }

  /** Live: some source never ends, so wall-clock silence means something. */
  private boolean isLive() {
    return sources.stream()
        .anyMatch(s -> s.source().getBoundedness() == Boundedness.CONTINUOUS_UNBOUNDED);
  }
}
