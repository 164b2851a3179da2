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
   * @param name what a rule file's {@code signal} says, snake_case
   * @param kpi the KPI the job produces for it ({@link io.cscmon.core.kpi.KpiSample#kpi()}), also
   *     the Prometheus gauge's suffix; the name, except where one KPI is watched at two scopes
   * @param scopeLabel the label the signal is broken down by (CONTRACT §2 scope labels), or {@code
   *     center} for the whole center (no scope label)
   * @param format how its values read in summaries, unless a rule says otherwise
   * @param help one line on what it measures
   */
  public record Signal(String name, String kpi, String scopeLabel, ValueFormat format, String help)
      implements Serializable {

    /** A signal named as its KPI. */
    public Signal(String name, String scopeLabel, ValueFormat format, String help) {
      this(name, name, scopeLabel, format, help);
    }
  }

  private static final Map<String, Signal> KNOWN = new LinkedHashMap<>();

  static {
    add(
        new Signal(
            SERVICE_LEVEL,
            Labels.QUEUE,
            ValueFormat.PERCENT,
            "share of a queue's calls answered within 20 s, of those answered or abandoned, per"
                + " minute"));
    add(
        new Signal(
            "service_level_15m",
            Labels.QUEUE,
            ValueFormat.PERCENT,
            "the same over the rolling 15 minutes, evaluated every minute"));
    add(
        new Signal(
            "center_service_level_15m",
            "service_level_15m",
            Labels.CENTER,
            ValueFormat.PERCENT,
            "the same for all of a center's queues together, where a small center's queues each"
                + " decide too few calls to judge"));
    add(
        new Signal(
            "abandonment_ratio_15m",
            Labels.QUEUE,
            ValueFormat.PERCENT,
            "share of a queue's decided calls abandoned in the queue, over the rolling 15 minutes"));
    add(
        new Signal(
            "offered_vs_baseline",
            Labels.CHANNEL,
            ValueFormat.PERCENT,
            "calls offered on a channel over five minutes ÷ what the seasonal baseline expects for"
                + " that time of day, scaled by how busy today runs (on a center's first day: what"
                + " its usual share of the center's calls expects)"));
    add(
        new Signal(
            "market_topic_vs_baseline",
            Labels.TOPIC,
            ValueFormat.PERCENT,
            "calls about a market topic (wealth, fx, funds) over five minutes ÷ its baseline,"
                + " scaled by the center's general surge (the other topics' rise)"));
    add(
        new Signal(
            "credit_topic_vs_baseline",
            Labels.TOPIC,
            ValueFormat.PERCENT,
            "calls about a credit topic (cards, loans, collections) over five minutes ÷ its"
                + " baseline, scaled by the center's general surge (the other topics' rise)"));
    add(
        new Signal(
            "predicted_service_level",
            Labels.QUEUE,
            ValueFormat.PERCENT,
            "the service level Erlang C predicts for a queue from the last 15 minutes' load and"
                + " handle time and the agents staffed now"));
    add(
        new Signal(
            "calls_waiting",
            Labels.QUEUE,
            ValueFormat.NUMBER,
            "calls waiting in a queue now (queued, not yet answered or abandoned), at the end of"
                + " every minute"));
    add(
        new Signal(
            "longest_wait_seconds",
            Labels.QUEUE,
            ValueFormat.NUMBER,
            "how long the longest-waiting call of a queue has waited now, in seconds"));
    add(
        new Signal(
            io.cscmon.core.kpi.CallsWaitingNow.CALLS_WAITING_NOW,
            Labels.QUEUE,
            ValueFormat.NUMBER,
            "calls waiting in a queue now, updated on each call line that changes it (arrival"
                + " order, not an event-time snapshot; a rule with hold 0s fires within a second)"));
  }

  private static void add(Signal signal) {
    KNOWN.put(signal.name(), signal);
  }

  public static Optional<Signal> find(String name) {
    return Optional.ofNullable(KNOWN.get(name));
  }

  /**
   * Whether a valid rule could watch a KPI sample of {@code kpi} broken down by {@code dimension}:
   * it is a known signal at that signal's scope. Every other sample (most of what the job produces:
   * counts, handle times, agents by state) is invisible to every rule set that validates.
   */
  public static boolean watchable(String kpi, String dimension) {
    return WATCHABLE.contains(kpi + '\u0000' + dimension);
  }

  /** Each signal's KPI and scope, as {@link #watchable} asks (once per KPI sample). */
  private static final java.util.Set<String> WATCHABLE =
      KNOWN.values().stream()
          .map(s -> s.kpi() + '\u0000' + s.scopeLabel())
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  public static Collection<Signal> all() {
    return java.util.Collections.unmodifiableCollection(KNOWN.values());
  }
}
