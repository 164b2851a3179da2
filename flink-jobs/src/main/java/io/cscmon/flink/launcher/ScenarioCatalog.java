package io.cscmon.flink.launcher;

import io.cscmon.core.event.AgentState;
import io.cscmon.core.sim.AgentShortage;
import io.cscmon.core.sim.AppRelease;
import io.cscmon.core.sim.BusyDay;
import io.cscmon.core.sim.ComponentOutage;
import io.cscmon.core.sim.CredentialStuffing;
import io.cscmon.core.sim.CreditEvent;
import io.cscmon.core.sim.HeartbeatLoss;
import io.cscmon.core.sim.IvrBruteForce;
import io.cscmon.core.sim.LatencyDegradation;
import io.cscmon.core.sim.MarketShock;
import io.cscmon.core.sim.Scenario;
import io.cscmon.core.sim.Tdos;
import io.cscmon.core.sim.VoiceTrunkFailure;
import io.cscmon.core.sim.VolumeSurge;
import io.cscmon.core.sim.VolumetricDdos;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scenarios {@code simulate --scenario} knows: each one's name, parameters, their defaults,
 * what it stands for and how it is built. The defaults are written once, here: {@code simulate
 * --list} prints them and the parser fills them in, so the two cannot disagree.
 */
final class ScenarioCatalog {
  private ScenarioCatalog() {}

  /** Builds a scenario from its window and its parameters (defaults already filled in). */
  interface Factory {
    Scenario make(Duration start, Duration length, Params p);
  }

  /**
   * One scenario.
   *
   * @param defaults comma-separated, one per parameter; {@code -} where the user must give one
   */
  /** In {@link Entry#defaults}: a parameter without a default, which the user must give. */
  static final String REQUIRED = "-";

  record Entry(String name, String params, String defaults, String help, Factory factory) {

    /** The defaults as {@code --list} shows them: "(required)" where there is none. */
    String shownDefaults() {
      return java.util.Arrays.stream(defaults.split(",", -1))
          .map(d -> d.equals(REQUIRED) ? "(required)" : d)
          .collect(java.util.stream.Collectors.joining(","));
    }
  }

  static final List<Entry> ENTRIES =
      List.of(
          new Entry(
              "agent-shortage",
              "SHARE[,QUEUE]",
              "0.4",
              "share of agents away (all queues or one)",
              (s, l, p) -> new AgentShortage(s, l, p.num(0), p.text(1), AgentState.NOT_READY)),
          new Entry(
              "market-shock",
              "MULTIPLIER",
              "4",
              "wealth/fx contacts surge (market risk)",
              (s, l, p) -> new MarketShock(s, l, p.num(0))),
          new Entry(
              "credit-event",
              "MULTIPLIER",
              "3",
              "credit_card/loan/complaint contacts surge (credit risk)",
              (s, l, p) -> new CreditEvent(s, l, p.num(0))),
          new Entry(
              "volume-surge",
              "MULTIPLIER[,CHANNEL]",
              "2," + VolumeSurge.DEFAULT_CHANNEL,
              "unplanned peak: all topics' new contacts on the channel x MULTIPLIER (operational"
                  + " risk)",
              (s, l, p) -> new VolumeSurge(s, l, p.num(0), p.text(1))),
          new Entry(
              "component-outage",
              "COMPONENT[/INSTANCE][,SHARE]",
              "-,1",
              "probes say up:false (flapping if SHARE<1)",
              (s, l, p) -> {
                String[] ci = p.componentInstance();
                return new ComponentOutage(s, l, p.num(1), ci[0], ci[1]);
              }),
          new Entry(
              "heartbeat-loss",
              "COMPONENT[/INSTANCE]",
              "-",
              "an instance stops writing health lines",
              (s, l, p) -> {
                String[] ci = p.componentInstance();
                return new HeartbeatLoss(s, l, ci[0], ci[1]);
              }),
          new Entry(
              "trunk-failure",
              "SHARE",
              "1",
              "share of voice calls lost while every probe says up",
              (s, l, p) -> new VoiceTrunkFailure(s, l, p.num(0))),
          new Entry(
              "latency-degradation",
              "COMPONENT[,FACTOR]",
              "-,5",
              "latency ramps up to FACTOR x normal",
              (s, l, p) -> new LatencyDegradation(s, l, p.num(1), p.componentInstance()[0])),
          new Entry(
              "tdos",
              "CALLS_PER_S[,spoofed|repeating[,ANIS]]",
              "8,spoofed,5",
              "flood of short calls",
              (s, l, p) -> new Tdos(s, l, p.num(0), Tdos.Mode.valueOf(p.upper(1)), (int) p.num(2))),
          new Entry(
              "ivr-bruteforce",
              "ATTEMPTS_PER_MIN[,enumeration|distributed[,ANIS]]",
              "60,enumeration,2",
              "IVR PIN guessing: many accounts per ANI, or one account from many ANIs",
              (s, l, p) ->
                  new IvrBruteForce(
                      s, l, p.num(0), IvrBruteForce.Mode.valueOf(p.upper(1)), (int) p.num(2))),
          new Entry(
              "credential-stuffing",
              "ATTEMPTS_PER_S[,SUBNETS]",
              "20,3",
              "web/app login failures across accounts from a few /24s",
              (s, l, p) -> new CredentialStuffing(s, l, p.num(0), (int) p.num(1))),
          new Entry(
              "ddos",
              "REQUESTS_PER_S[,HEAVY_HITTERS]",
              "20000,5",
              "access flood on web and app_api",
              (s, l, p) -> new VolumetricDdos(s, l, p.num(0), (int) p.num(1))),
          new Entry(
              "app-release",
              "MULTIPLIER",
              "3",
              "legitimate app login/access surge (must not alert)",
              (s, l, p) -> new AppRelease(s, l, p.num(0))),
          new Entry(
              "busy-day",
              "MULTIPLIER",
              "1.3",
              "payday / busy Monday, staffed for (must not alert)",
              (s, l, p) -> new BusyDay(s, l, p.num(0))));

  /** Other names the parser takes: alias → catalog name. */
  static final Map<String, String> ALIASES =
      Map.of("payday", "busy-day", "voice-trunk-failure", "trunk-failure");

  /** The entry called {@code name} (or one of its aliases), or null. */
  static Entry find(String name) {
    String canonical = ALIASES.getOrDefault(name, name);
    return ENTRIES.stream().filter(e -> e.name().equals(canonical)).findFirst().orElse(null);
  }

  /** The parameters of one {@code --scenario}, each the user's where given, else its default. */
  static final class Params {
    private final String spec;
    private final String[] given;
    private final String[] defaults;

    Params(String spec, String[] given, String defaults) {
      this.spec = spec;
      this.given = given;
      this.defaults = defaults.split(",", -1);
    }

    /** Parameter {@code i}, or null where neither the user nor the catalog gives one. */
    String text(int i) {
      if (i < given.length && !given[i].isEmpty()) {
        return given[i];
      }
      return i < defaults.length && !defaults[i].equals(REQUIRED) ? defaults[i] : null;
    }

    double num(int i) {
      String text = text(i);
      if (text == null) {
        throw new Args.UsageException("--scenario " + spec + " needs parameter " + (i + 1));
      }
      return Double.parseDouble(text);
    }

    /** Parameter {@code i} as an enum constant's name. */
    String upper(int i) {
      return text(i).toUpperCase(Locale.ROOT);
    }

    /**
     * The first parameter as {@code COMPONENT[/INSTANCE]}: the two, the instance null if absent.
     */
    String[] componentInstance() {
      String c = text(0);
      if (c == null) {
        throw new Args.UsageException(
            "--scenario " + spec + " needs the component, e.g. :core_banking or :crm/1");
      }
      int slash = c.indexOf('/');
      return slash < 0
          ? new String[] {c, null}
          : new String[] {c.substring(0, slash), c.substring(slash + 1)};
    }
  }
}
