package io.cscmon.flink.operators;

import io.cscmon.core.event.Event;
import io.cscmon.core.metrics.IngestMetrics;
import io.cscmon.core.parse.RejectReason;
import io.cscmon.flink.LocalServices;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Separates events later than the out-of-orderness tolerance, right where event time is assigned
 * (chained to the watermark generator, before any fan-out). Deciding here, against this input's own
 * watermark, makes the decision depend on the input alone: downstream windows then never see a late
 * event, whatever the timing of parallel channels, and a replay is repeatable. Late events go to
 * the dead letters with reason {@code late} and are counted, never silently dropped.
 */
public final class DropLateEvents<T extends Event> extends ProcessFunction<T, T> {

  public static final OutputTag<DeadLetter> LATE = new OutputTag<>("late-events") {};

  private final String ingestMetricsName;
  private transient IngestMetrics serviceMetrics;
  private transient Counter late;

  public DropLateEvents(String ingestMetricsName) {
    this.ingestMetricsName = ingestMetricsName;
  }

  @Override
  public void open(OpenContext openContext) {
    serviceMetrics = LocalServices.find(ingestMetricsName, IngestMetrics.class).orElse(null);
    late =
        getRuntimeContext()
            .getMetricGroup()
            .addGroup("cscmon_parse")
            .addGroup("reason", RejectReason.LATE.wireName())
            .counter("rejected");
  }

  @Override
  public void processElement(T event, Context ctx, Collector<T> out) {
    long watermark = ctx.timerService().currentWatermark();
    if (event.ts() > watermark) {
      out.collect(event);
      return;
    }
    late.inc();
    if (serviceMetrics != null) {
      serviceMetrics.rejected(RejectReason.LATE);
    }
    ctx.output(
        LATE,
        new DeadLetter(
            event.type().wireName(),
            0,
            "ts",
            RejectReason.LATE.wireName(),
            "event time "
                + Instant.ofEpochMilli(event.ts())
                + " is behind the watermark "
                + Instant.ofEpochMilli(watermark)
                + " (more out of order than the tolerance)",
            DeadLetter.clip(event.toString())));
  }
}
