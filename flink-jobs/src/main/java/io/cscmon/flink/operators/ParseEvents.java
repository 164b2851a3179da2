package io.cscmon.flink.operators;

import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.Event;
import io.cscmon.core.event.EventType;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.metrics.IngestMetrics;
import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.ParseResult;
import io.cscmon.core.parse.RejectReason;
import io.cscmon.core.parse.Rejection;
import io.cscmon.flink.LocalServices;
import io.cscmon.flink.source.RawLine;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
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
 */
public final class ParseEvents extends ProcessFunction<RawLine, CallEvent> {

  public static final OutputTag<AgentEvent> AGENTS = new OutputTag<>("agents") {};
  public static final OutputTag<HealthEvent> HEALTH = new OutputTag<>("health") {};
  public static final OutputTag<AuthEvent> AUTH = new OutputTag<>("auth") {};
  public static final OutputTag<AccessEvent> ACCESS = new OutputTag<>("access") {};
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

  private static final Logger LOG = LoggerFactory.getLogger(ParseEvents.class);
  private static final long LOG_EVERY_NTH_REJECTION = 1000;

  private final String ingestMetricsName;

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
    this.ingestMetricsName = ingestMetricsName;
  }

  @Override
  public void open(OpenContext openContext) {
    parser = new EventParser();
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

  @Override
  public void processElement(RawLine raw, Context ctx, Collector<CallEvent> out) {
    if (raw.unreadable() != null) {
      reject(raw, raw.unreadable(), ctx);
      return;
    }
    ParseResult result = parser.parse(raw.text(), raw.line());
    if (result instanceof ParseResult.Parsed parsed) {
      emit(parsed.event(), raw.counted(), ctx, out);
    } else if (result instanceof ParseResult.Rejected rejected) {
      reject(raw, rejected.rejection(), ctx);
    }
  }

  private void emit(Event event, boolean counted, Context ctx, Collector<CallEvent> out) {
    accepted.get(event.type()).inc();
    if (serviceMetrics != null && !counted) {
      serviceMetrics.accepted(event.type());
    }
    // Java 17 has no pattern switch; the sealed hierarchy keeps this list complete.
    if (event instanceof CallEvent call) {
      out.collect(call);
    } else if (event instanceof AgentEvent agent) {
      ctx.output(AGENTS, agent);
    } else if (event instanceof HealthEvent health) {
      ctx.output(HEALTH, health);
    } else if (event instanceof AuthEvent auth) {
      ctx.output(AUTH, auth);
    } else if (event instanceof AccessEvent access) {
      ctx.output(ACCESS, access);
    }
  }

  private void reject(RawLine raw, Rejection rejection, Context ctx) {
    rejected.get(rejection.reason()).inc();
    if (serviceMetrics != null && !raw.counted()) {
      serviceMetrics.rejected(rejection.reason());
    }
    if (rejections++ % LOG_EVERY_NTH_REJECTION == 0) {
      LOG.warn("Rejected {} {} ({} rejections so far)", raw.origin(), rejection, rejections);
    }
    ctx.output(
        DEAD_LETTERS,
        new DeadLetter(
            raw.origin(),
            rejection.line(),
            rejection.field(),
            rejection.reason().wireName(),
            rejection.message(),
            DeadLetter.clip(raw.text())));
  }
}
