package io.cscmon.flink.operators;

import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.Event;
import io.cscmon.core.event.EventType;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.metrics.IngestMetrics;
import io.cscmon.core.parse.EventClock;
import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.ParseResult;
import io.cscmon.core.parse.RejectReason;
import io.cscmon.core.parse.Rejection;
import io.cscmon.flink.LocalServices;
import io.cscmon.flink.serial.CompactTypes;
import io.cscmon.flink.source.ParsedLines;
import io.cscmon.flink.source.RawLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses and validates raw lines. Calls go to the main output, the other event types to their side
 * outputs, and every rejected line to the dead-letter output with its line, field and reason; a bad
 * line never stops the job nor the lines around it. Counts go to Flink's metrics and, when the job
 * runs embedded, to the service's {@code /metrics} for the lines not counted where they entered.
 *
 * <p>Late events (CONTRACT §1: more out of order than the tolerance) are separated here, per input
 * (a file, a Kafka partition: the line's origin): each input has an {@link EventClock} fed the
 * times the source stamped on its lines, as Flink's per-split watermark generator is, so an event
 * is late exactly when it is behind its own input's event time — never because the reader read
 * another input ahead of it. The clocks are checkpointed, so after a restore the decision is the
 * one an uninterrupted run makes.
 */
public final class ParseEvents extends ProcessFunction<RawLine, CallEvent>
    implements CheckpointedFunction {

  // The event types cross keyed edges: their compact serializers, not the POJO one (round 4).
  public static final OutputTag<AgentEvent> AGENTS =
      new OutputTag<>("agents", CompactTypes.AGENT_EVENT);
  public static final OutputTag<HealthEvent> HEALTH =
      new OutputTag<>("health", CompactTypes.HEALTH_EVENT);
  public static final OutputTag<AuthEvent> AUTH = new OutputTag<>("auth", CompactTypes.AUTH_EVENT);
  public static final OutputTag<AccessEvent> ACCESS =
      new OutputTag<>("access", CompactTypes.ACCESS_EVENT);
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

  private static final Logger LOG = LoggerFactory.getLogger(ParseEvents.class);
  private static final long LOG_EVERY_NTH_REJECTION = 1000;

  private final String ingestMetricsName;
  private final Duration tolerance;
  private final Duration step;

  private final boolean live;

  private transient Map<String, EventClock> clocks;

  /**
   * Per input, the lines ahead of its event time whose jump is not made yet ({@link EventClock}).
   */
  private transient Map<String, List<HeldLine>> held;

  /** Per replayed input not started yet, its first lines ({@link EventClock#hold}). */
  private transient Map<String, List<HeldLine>> first;

  /** Where held lines go when they are let through: with their own event time. */
  private transient TimedOutput timedOutput;

  private transient Direct direct;

  private transient ListState<Tuple3<String, Long, Long>> clockState;
  private transient EventParser parser;
  private transient IngestMetrics serviceMetrics;
  private transient Map<EventType, Counter> accepted;
  private transient Map<RejectReason, Counter> rejected;
  private transient long rejections;

  /**
   * @param ingestMetricsName the {@link LocalServices} name of the service's ingest metrics to
   *     count into, or {@code null} when there is no service in this JVM
   */
  public ParseEvents(String ingestMetricsName) {
    this(ingestMetricsName, Duration.ofSeconds(30), Duration.ofSeconds(1), false);
  }

  /**
   * @param tolerance how far out of order an event may be and still count
   * @param step the steps event time advances in (as the source's watermark generator's)
   * @param live whether the inputs are live (their clocks then read the wall clock, as the
   *     generator's do: {@link EventClock#isAhead})
   */
  public ParseEvents(String ingestMetricsName, Duration tolerance, Duration step, boolean live) {
    this.ingestMetricsName = ingestMetricsName;
    this.live = live;
    this.tolerance = tolerance;
    this.step = step;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    clocks = new HashMap<>();
    held = new HashMap<>();
    first = new HashMap<>();
    // Union state: after rescaling any subtask may read any input, so each gets every clock.
    clockState =
        context
            .getOperatorStateStore()
            .getUnionListState(
                new ListStateDescriptor<>(
                    "event-clocks", Types.TUPLE(Types.STRING, Types.LONG, Types.LONG)));
    for (Tuple3<String, Long, Long> saved : clockState.get()) {
      EventClock known = clocks.get(saved.f0);
      if (known == null || known.newest() < saved.f1) {
        clocks.put(saved.f0, EventClock.restored(tolerance, step, wallClock(), saved.f1, saved.f2));
      }
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    clockState.clear();
    for (Map.Entry<String, EventClock> e : clocks.entrySet()) {
      clockState.add(Tuple3.of(e.getKey(), e.getValue().newest(), e.getValue().watermark()));
    }
  }

  @Override
  public void open(OpenContext openContext) {
    if (clocks == null) {
      clocks = new HashMap<>(); // test harnesses without state
      held = new HashMap<>();
      first = new HashMap<>();
    }
    parser = new EventParser();
    direct = new Direct();
    serviceMetrics = LocalServices.find(ingestMetricsName, IngestMetrics.class).orElse(null);
    MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("cscmon_parse");
    accepted = new EnumMap<>(EventType.class);
    for (EventType type : EventType.values()) {
      accepted.put(type, group.addGroup("type", type.wireName()).counter("accepted"));
    }
    rejected = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, group.addGroup("reason", reason.wireName()).counter("rejected"));
    }
  }

  /**
   * Sends a line's results to the operator's outputs with the line's own event time ({@link
   * EventClock#NONE}: none), where a line let through after others came (a replay's first lines, a
   * jump) must not take the time of the line that let it through: the KPI windows go by it.
   */
  interface TimedOutput {
    /** {@code tag} null: the main output. */
    <T> void collect(OutputTag<T> tag, T value, long ts);
  }

  /** Set by {@link ParseEventsOperator}, which owns the outputs. */
  void timedOutput(TimedOutput output) {
    this.timedOutput = output;
  }

  @Override
  public void processElement(RawLine raw, Context ctx, Collector<CallEvent> out) {
    if (raw.unreadable() != null) {
      reject(raw, raw.unreadable(), direct.to(ctx, out));
      return;
    }
    // The time the source stamped (LineTimestamps); none where a test feeds lines directly.
    Long stamped = ctx.timestamp();
    long ts = stamped == null ? EventClock.NONE : stamped;
    EventClock clock = clocks.computeIfAbsent(raw.origin(), o -> newClock());
    if (!live && ts != EventClock.NONE && clock.starting()) {
      // A replay's first lines wait for the ones after them (EventClock#start), as its source's
      // watermark generator waits for their times.
      first
          .computeIfAbsent(raw.origin(), o -> new ArrayList<>())
          .add(new HeldLine(raw, stamped, parsed(raw), EventClock.NONE, null));
      if (clock.hold(ts)) {
        start(raw.origin(), clock);
      }
      return;
    }
    take(raw, stamped, parsed(raw), clock, direct.to(ctx, out));
  }

  /** Starts an input: its first lines are taken in their order, each with its own time. */
  private void start(String origin, EventClock clock) {
    clock.start();
    for (HeldLine h : first.remove(origin)) {
      take(h.raw(), h.stamped(), h.result(), clock, released(h.stamped()));
    }
  }

  /**
   * A line with a time, judged by its input's clock: late, ahead (held until its run ends), or let
   * through — and a run of lines ahead ended by it, let through or rejected.
   */
  private void take(RawLine raw, Long stamped, ParseResult result, EventClock clock, Out out) {
    long ts = stamped == null ? EventClock.NONE : stamped;
    long watermark = clock.watermark();
    long newest = clock.newest();
    boolean late = clock.isLate(ts);
    boolean ahead = clock.isAhead(ts);
    boolean started = newest != EventClock.NONE;
    long reference = started ? newest : clock.startReference();
    clock.advance(ts); // after deciding, as the source's generator sees the line after emitting it
    if (ts == EventClock.NONE) {
      judge(raw, stamped, result, late, watermark, out); // no time: no part of a run
      return;
    }
    List<HeldLine> run = held.get(raw.origin());
    if (ahead && clock.aheadRun() > 0) {
      // Ahead of this input's event time, the jump not made yet: judged when the run ends.
      held.computeIfAbsent(raw.origin(), o -> new ArrayList<>())
          .add(
              new HeldLine(
                  raw,
                  stamped,
                  result,
                  reference,
                  started ? "newest event" : "earliest first line"));
      return;
    }
    if (run != null) {
      held.remove(raw.origin());
      for (HeldLine h : run) {
        if (ahead) {
          judge(h.raw(), h.stamped(), h.result(), false, Long.MIN_VALUE, released(h.stamped()));
        } else {
          reject(
              h.raw(), clockAhead(h), released(h.stamped())); // a sender's clock, not the input's
        }
      }
    }
    judge(raw, stamped, result, late, watermark, out);
  }

  /**
   * Settles what waits when the input ends or a checkpoint comes (it would not restore them): the
   * replayed inputs not started yet start with the lines they have, then the lines still held ahead
   * of their input's event time are rejected, as a line that is not ahead would. Nothing valid
   * waits longer than that, nor disappears.
   */
  void settle() {
    for (String origin : List.copyOf(first.keySet())) {
      start(origin, clocks.get(origin));
    }
    for (List<HeldLine> run : held.values()) {
      for (HeldLine h : run) {
        reject(h.raw(), clockAhead(h), released(h.stamped()));
      }
    }
    held.clear();
  }

  /** A line held ahead of its input's event time, with what was read of it then. */
  private record HeldLine(
      RawLine raw, Long stamped, ParseResult result, long judgedAgainst, String against) {}

  private EventClock newClock() {
    return new EventClock(tolerance, step, wallClock());
  }

  /**
   * What the inputs' clocks read as now: the wall clock live, as the generator's; none in replay.
   */
  private LongSupplier wallClock() {
    return live ? System::currentTimeMillis : null;
  }

  private static ParseResult parsed(RawLine raw) {
    ParseResult result = raw.parsed(); // parsed where it was read (the file source)
    return result != null ? result : ParsedLines.take(raw); // parsed where it was stamped
  }

  private void judge(
      RawLine raw, Long stamped, ParseResult result, boolean late, long watermark, Out out) {
    long ts = stamped == null ? EventClock.NONE : stamped;
    if (result == null) {
      result = parser.parse(raw.text(), raw.line());
    }
    if (result instanceof ParseResult.Parsed parsed) {
      Event event = parsed.event();
      if (stamped != null && event.ts() != ts) {
        // Only where this parser judged otherwise than the source's (a union of sources: the 7-day
        // rule over another interleaving); never let a wrong stamp reach the windows.
        reject(raw, mismatch(raw, event, ts), out);
      } else if (late) {
        reject(raw, late(raw, event, watermark), out);
      } else {
        emit(event, raw.counted(), out);
      }
    } else if (result instanceof ParseResult.Rejected rejected) {
      reject(raw, rejected.rejection(), out);
    }
  }

  private static Rejection clockAhead(HeldLine h) {
    long ts = h.stamped() == null ? EventClock.NONE : h.stamped();
    return new Rejection(
        h.raw().line(),
        "ts",
        RejectReason.AHEAD,
        "event time "
            + Instant.ofEpochMilli(ts)
            + " jumps "
            + java.time.Duration.ofMillis(ts - h.judgedAgainst()).toMinutes()
            + " min ahead of "
            + h.raw().origin()
            + "'s "
            + h.against()
            + " ("
            + Instant.ofEpochMilli(h.judgedAgainst())
            + ") and the lines after it did not follow: the sender's clock is wrong? (a jump of"
            + " more than "
            + EventClock.JUMP_MS / 60_000
            + " min counts once "
            + EventClock.CONFIRM
            + " lines in a row make it)");
  }

  private static Rejection late(RawLine raw, Event event, long watermark) {
    return new Rejection(
        raw.line(),
        "ts",
        RejectReason.LATE,
        "event time "
            + Instant.ofEpochMilli(event.ts())
            + " is behind "
            + raw.origin()
            + "'s event time "
            + Instant.ofEpochMilli(watermark)
            + " (more out of order than the tolerance)");
  }

  private static Rejection mismatch(RawLine raw, Event event, long stamped) {
    return new Rejection(
        raw.line(),
        "ts",
        RejectReason.BAD_TIMESTAMP,
        "ts read at the source ("
            + (stamped == EventClock.NONE ? "none" : Instant.ofEpochMilli(stamped))
            + ") differs from the parsed "
            + Instant.ofEpochMilli(event.ts()));
  }

  private void emit(Event event, boolean counted, Out out) {
    accepted.get(event.type()).inc();
    if (serviceMetrics != null && !counted) {
      serviceMetrics.accepted(event.type());
    }
    // Java 17 has no pattern switch; the sealed hierarchy keeps this list complete.
    if (event instanceof CallEvent call) {
      out.call(call);
    } else if (event instanceof AgentEvent agent) {
      out.side(AGENTS, agent);
    } else if (event instanceof HealthEvent health) {
      out.side(HEALTH, health);
    } else if (event instanceof AuthEvent auth) {
      out.side(AUTH, auth);
    } else if (event instanceof AccessEvent access) {
      out.side(ACCESS, access);
    }
  }

  private void reject(RawLine raw, Rejection rejection, Out out) {
    out.side(DEAD_LETTERS, deadLetter(raw, rejection));
  }

  /** Where a line's results go. */
  private interface Out {
    void call(CallEvent call);

    <T> void side(OutputTag<T> tag, T value);
  }

  /**
   * The line being processed: Flink's collector and context, with that line's time. One, reused:
   * every line passes here.
   */
  private static final class Direct implements Out {
    private Context ctx;
    private Collector<CallEvent> collector;

    Direct to(Context ctx, Collector<CallEvent> collector) {
      this.ctx = ctx;
      this.collector = collector;
      return this;
    }

    @Override
    public void call(CallEvent call) {
      collector.collect(call);
    }

    @Override
    public <T> void side(OutputTag<T> tag, T value) {
      ctx.output(tag, value);
    }
  }

  /** A line let through after others came: with its own time. */
  private Out released(Long stamped) {
    long ts = stamped == null ? EventClock.NONE : stamped;
    if (timedOutput == null) {
      throw new IllegalStateException("ParseEvents runs in a ParseEventsOperator");
    }
    return new Out() {
      @Override
      public void call(CallEvent call) {
        timedOutput.collect(null, call, ts);
      }

      @Override
      public <T> void side(OutputTag<T> tag, T value) {
        timedOutput.collect(tag, value, ts);
      }
    };
  }

  /** Counts a rejection and makes its dead letter. */
  private DeadLetter deadLetter(RawLine raw, Rejection rejection) {
    rejected.get(rejection.reason()).inc();
    // Where the line entered only its syntax was judged: its event time is judged here.
    boolean judgedHere =
        !raw.counted()
            || rejection.reason() == RejectReason.LATE
            || rejection.reason() == RejectReason.AHEAD;
    if (serviceMetrics != null && judgedHere) {
      serviceMetrics.rejected(rejection.reason());
    }
    if (rejections++ % LOG_EVERY_NTH_REJECTION == 0) {
      LOG.warn("Rejected {} {} ({} rejections so far)", raw.origin(), rejection, rejections);
    }
    return new DeadLetter(
        raw.origin(),
        rejection.line(),
        rejection.field(),
        rejection.reason().wireName(),
        rejection.message(),
        DeadLetter.clip(raw.text()));
  }
}
