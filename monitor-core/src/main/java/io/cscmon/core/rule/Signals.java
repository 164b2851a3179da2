package io.cscmon.core.rule;

import io.cscmon.core.alert.Labels;
import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of signals a rule may watch: the KPI names the detection job produces (as {@link
 * io.cscmon.core.kpi.KpiSample#kpi()}), each with the scope label it is broken down by and how its
 * values read. A rule file naming a signal not listed here is refused. Whoever adds a KPI or a
 * detector signal to the job adds one line to {@link #KNOWN} (and nothing else needs to change for
 * rules, validation and the Prometheus export to know it).
 */
public final class Signals {
  private Signals() {}

  /** The per-queue 20-second service level: answered within 20 s ÷ (answered + abandoned). */
  public static final String SERVICE_LEVEL = "service_level";

  /**
   * One signal.
   *
   * @param name the KPI name, snake_case; also the Prometheus gauge's suffix
   * @param scopeLabel the label the signal is broken down by (CONTRACT §2 scope labels)
   * @param format how its values read in summaries, unless a rule says otherwise
   * @param help one line on what it measures
   */
  public record Signal(String name, String scopeLabel, ValueFormat format, String help)
      implements Serializable {}

  private static final Map<String, Signal> KNOWN = new LinkedHashMap<>();

  static {
    add(
        new Signal(
            SERVICE_LEVEL,
            Labels.QUEUE,
            ValueFormat.PERCENT,
            "share of a queue's calls answered within 20 s, of those answered or abandoned, per"
                + " minute"));
  }

  private static void add(Signal signal) {
    KNOWN.put(signal.name(), signal);
  }

  public static Optional<Signal> find(String name) {
    return Optional.ofNullable(KNOWN.get(name));
  }

  public static Collection<Signal> all() {
    return java.util.Collections.unmodifiableCollection(KNOWN.values());
  }
}
