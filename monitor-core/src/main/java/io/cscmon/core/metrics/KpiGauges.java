package io.cscmon.core.metrics;

import io.cscmon.core.kpi.CallFact;
import io.cscmon.core.kpi.KpiSample;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The KPI stream as Prometheus gauges, one per KPI and scope, holding the latest window's value:
 * {@code cscmon_<dimension>_<kpi>{center, <dimension>}}, e.g. {@code
 * cscmon_queue_service_level_ratio{center="sh",queue="retail"}}; center-wide KPIs are {@code
 * cscmon_center_<kpi>{center}}. The dimension is part of the name because Prometheus wants one
 * label set per metric name. Thread-safe; the number of gauges is bounded by the scopes the center
 * has.
 */
public final class KpiGauges {

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

  public KpiGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * The gauge with the number of observations behind a KPI's value, so that alerting rules (and
   * their Prometheus export) can ignore values that rest on too little evidence.
   */
  public static String samplesName(String kpi, String dimension) {
    return metricName(kpi, dimension) + "_samples";
  }

  /** The Prometheus name of a KPI of a dimension (base units; ratios end in {@code _ratio}). */
  public static String metricName(String kpi, String dimension) {
    String name = kpi.endsWith("_ratio") || kpi.endsWith("_seconds") ? kpi : kpiWithUnit(kpi);
    return "cscmon_" + dimension + "_" + name;
  }

  private static String kpiWithUnit(String kpi) {
    // Rolling views keep their suffix after the unit: service_level_15m -> service_level_ratio_15m.
    String base = kpi;
    String suffix = "";
    int rolling = kpi.lastIndexOf("_15m");
    if (rolling > 0 && rolling == kpi.length() - 4) {
      base = kpi.substring(0, rolling);
      suffix = "_15m";
    }
    if (base.endsWith("_ratio") || base.endsWith("_seconds")) {
      return base + suffix;
    }
    boolean ratio = base.equals("service_level") || base.endsWith("_vs_baseline");
    return base + (ratio ? "_ratio" : "") + suffix;
  }

  public void record(KpiSample sample) {
    String name = metricName(sample.kpi(), sample.dimension());
    gauge(
            name,
            sample,
            "Latest one-minute (or rolling, _15m) event-time window of the "
                + sample.kpi()
                + " KPI per "
                + sample.dimension())
        .set(Double.doubleToLongBits(sample.value()));
    gauge(
            samplesName(sample.kpi(), sample.dimension()),
            sample,
            "Observations behind " + name + " (too few are no evidence for the rules)")
        .set(Double.doubleToLongBits(sample.samples()));
  }

  private AtomicLong gauge(String name, KpiSample sample, String help) {
    return values.computeIfAbsent(
        name + '|' + sample.center() + '|' + sample.scope(),
        k -> {
          AtomicLong holder = new AtomicLong(Double.doubleToLongBits(Double.NaN));
          Tags tags = Tags.of("center", sample.center());
          if (!CallFact.CENTER.equals(sample.dimension())) {
            tags = tags.and(sample.dimension(), sample.scope());
          }
          Gauge.builder(name, holder, h -> Double.longBitsToDouble(h.get()))
              .description(help)
              .tags(tags)
              .register(registry);
          return holder;
        });
  }
}
