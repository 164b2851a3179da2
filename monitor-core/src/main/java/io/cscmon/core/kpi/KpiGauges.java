package io.cscmon.core.kpi;

import io.cscmon.core.alert.Labels;

/**
 * How the service exports KPIs to Prometheus, in one place: one gauge per KPI named {@code
 * cscmon_kpi_<kpi>}, labelled with {@code center} and the KPI's scope label (e.g. {@code
 * cscmon_kpi_service_level{center="sh",queue="retail"}}), holding the value of the last closed
 * window. The Prometheus rules exported from the rule files query these gauges; whoever exposes the
 * KPI stream on {@code /metrics} names the gauges with {@link #name}.
 */
public final class KpiGauges {
  private KpiGauges() {}

  public static final String PREFIX = "cscmon_kpi_";

  /** The gauge that carries {@code kpi}. */
  public static String name(String kpi) {
    return PREFIX + kpi;
  }

  /** The label every KPI gauge carries besides its scope label. */
  public static final String CENTER_LABEL = Labels.CENTER;
}
