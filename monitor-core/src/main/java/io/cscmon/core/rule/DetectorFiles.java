package io.cscmon.core.rule;

import io.cscmon.core.detect.OutageLevels;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads the {@code detectors:} section of rule files into {@link DetectorSettings}. The section is
 * a mapping of groups (one per detector concern, {@link #GROUPS}); each group lists its numbers and
 * a {@code source:} saying where they come from. A group may be defined in any file, once; a group
 * a directory leaves out keeps its built-in value, so that a directory of alert rules alone runs
 * the shipped detectors. Every problem names file, line and field ({@code
 * detectors.tdos.flood_factor}).
 */
public final class DetectorFiles {
  private DetectorFiles() {}

  enum Kind {
    DURATION("a duration like 90s, 5m or 1h"),
    NUMBER("a number > 0"),
    WHOLE("a whole number ≥ 1"),
    SHARE("a share between 0 and 1 (0.5 is 50%)");

    final String expected;

    Kind(String expected) {
      this.expected = expected;
    }
  }

  /** The groups and their fields, in the order the shipped files list them. */
  static final Map<String, Map<String, Kind>> GROUPS = new LinkedHashMap<>();

  static {
    group(
        "outage_levels",
        "iv_after D",
        "iii_after D",
        "ii_after D",
        "i_after D",
        "ii_multi_center_after D",
        "i_multi_center_after D");
    group("heartbeat", "missed_intervals W", "lateness D");
    group("outage_recovery", "clear_hold D");
    group("traffic_loss", "window_minutes W", "ratio S", "min_expected N", "lateness D");
    group(
        "slo_burn",
        "error_objective S",
        "latency_objective S",
        "bucket D",
        "min_events W",
        "page_long_window D",
        "page_short_window D",
        "page_factor N",
        "ticket_long_window D",
        "ticket_short_window D",
        "ticket_factor N");
    group(
        "health_anomaly",
        "bucket D",
        "max_series W",
        "resource_z N",
        "resource_confirm_buckets W",
        "resource_clear_buckets W",
        "resource_relative_floor N",
        "resource_absolute_floor N",
        "workload_z N",
        "workload_confirm_buckets W",
        "workload_clear_buckets W",
        "workload_relative_floor N",
        "workload_absolute_floor N");
    group("attack_levels", "iii_after D");
    group(
        "tdos",
        "short_call D",
        "repeat_window D",
        "min_repeats W",
        "flood_factor N",
        "flood_excess W",
        "flood_without_baseline W",
        "min_short_share S",
        "clear_after D");
    group(
        "ivr_bruteforce",
        "window D",
        "clear_after D",
        "min_accounts_per_ani W",
        "min_anis_per_account W",
        "min_failure_share S");
    group(
        "credential_stuffing",
        "window D",
        "clear_after D",
        "min_accounts_per_ip W",
        "min_accounts_per_24 W",
        "min_accounts_per_16 W",
        "min_failure_share S",
        "ratio_factor N",
        "ratio_margin S",
        "min_failures W");
    group(
        "ddos",
        "heavy_per_minute W",
        "factor N",
        "min_excess W",
        "per_source_factor N",
        "latency_factor N",
        "clear_after D");
  }

  /** Each group's fields (without {@code source}), in file order: the schema must list the same. */
  public static Map<String, List<String>> fieldsByGroup() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    GROUPS.forEach((g, kinds) -> out.put(g, List.copyOf(kinds.keySet())));
    return out;
  }

  private static void group(String name, String... fields) {
    Map<String, Kind> kinds = new LinkedHashMap<>();
    for (String f : fields) {
      String[] p = f.split(" ");
      kinds.put(
          p[0],
          switch (p[1]) {
            case "D" -> Kind.DURATION;
            case "N" -> Kind.NUMBER;
            case "W" -> Kind.WHOLE;
            default -> Kind.SHARE;
          });
    }
    GROUPS.put(name, kinds);
  }

  /** One group as read: its values by field (Duration, Double or Long) and where it stands. */
  record Group(String name, Map<String, Object> values, String file, int line) {
    Duration d(String field) {
      return (Duration) values.get(field);
    }

    double n(String field) {
      return (Double) values.get(field);
    }

    long w(String field) {
      return (Long) values.get(field);
    }

    int i(String field) {
      return Math.toIntExact(w(field));
    }
  }

  /**
   * Reads one file's {@code detectors:} node into {@code into}, reporting groups another file
   * already defined.
   */
  static void read(YamlFields y, Node node, Map<String, Group> into) {
    Map<String, NodeTuple> groups = y.mapping(node, "detectors", GROUPS.keySet());
    if (groups == null) {
      return;
    }
    if (groups.isEmpty()) {
      y.problem(node, "detectors", "needs at least one of " + YamlFields.sorted(GROUPS.keySet()));
    }
    for (Map.Entry<String, NodeTuple> g : groups.entrySet()) {
      String path = "detectors." + g.getKey();
      Node groupNode = g.getValue().getValueNode();
      Group group = group(y, g.getKey(), groupNode, path);
      if (group == null) {
        continue;
      }
      Group earlier = into.putIfAbsent(g.getKey(), group);
      if (earlier != null) {
        y.problem(
            g.getValue().getKeyNode(),
            path,
            "is already defined at " + earlier.file() + ":" + earlier.line());
      }
    }
  }

  private static Group group(YamlFields y, String name, Node node, String path) {
    Map<String, Kind> kinds = GROUPS.get(name);
    Set<String> allowed = new HashSet<>(kinds.keySet());
    allowed.add("source");
    Map<String, NodeTuple> f = y.mapping(node, path, allowed);
    if (f == null) {
      return null;
    }
    int before = y.problems.size();
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, Kind> field : kinds.entrySet()) {
      String key = field.getKey();
      if (!f.containsKey(key)) {
        y.problem(node, path + "." + key, "is required: " + field.getValue().expected);
        continue;
      }
      Object v = value(y, f, key, path, field.getValue());
      if (v != null) {
        values.put(key, v);
      }
    }
    String source = y.string(f, "source", path);
    if (!f.containsKey("source")) {
      y.problem(node, path + ".source", "is required: where the numbers come from");
    } else if (source != null && source.isBlank()) {
      y.problem(y.value(f, "source"), path + ".source", "must say where the numbers come from");
    }
    if (y.problems.size() > before) {
      return null;
    }
    Group group = new Group(name, values, y.file, YamlFields.line(node));
    checkOrder(y, group, f, path);
    return y.problems.size() > before ? null : group;
  }

  private static Object value(
      YamlFields y, Map<String, NodeTuple> f, String key, String path, Kind kind) {
    if (kind == Kind.DURATION) {
      return y.duration(f, key, path);
    }
    Double v = y.number(f, key, path, null);
    if (v == null) {
      return null;
    }
    boolean ok =
        switch (kind) {
          case WHOLE -> v >= 1 && v == Math.rint(v) && v < Integer.MAX_VALUE;
          case SHARE -> v > 0 && v <= 1;
          default -> v > 0;
        };
    if (!ok) {
      y.problem(y.value(f, key), path + "." + key, "must be " + kind.expected);
      return null;
    }
    return kind == Kind.WHOLE ? (Object) v.longValue() : v;
  }

  /** What a schema cannot say: the steps of a group must come in order. */
  private static void checkOrder(YamlFields y, Group g, Map<String, NodeTuple> f, String path) {
    switch (g.name()) {
      case "outage_levels" -> {
        ascending(y, g, f, path, "iv_after", "iii_after", "ii_after", "i_after");
        ascending(y, g, f, path, "iv_after", "ii_multi_center_after", "i_multi_center_after");
      }
      case "slo_burn" -> {
        ascending(y, g, f, path, "page_short_window", "page_long_window");
        ascending(y, g, f, path, "ticket_short_window", "ticket_long_window");
      }
      case "credential_stuffing" ->
          ascending(
              y, g, f, path, "min_accounts_per_ip", "min_accounts_per_24", "min_accounts_per_16");
      default -> {}
    }
  }

  private static void ascending(
      YamlFields y, Group g, Map<String, NodeTuple> f, String path, String... fields) {
    for (int k = 1; k < fields.length; k++) {
      Object a = g.values().get(fields[k - 1]);
      Object b = g.values().get(fields[k]);
      double va = a instanceof Duration d ? d.toMillis() : ((Number) a).doubleValue();
      double vb = b instanceof Duration d ? d.toMillis() : ((Number) b).doubleValue();
      if (vb < va) {
        y.problem(
            y.value(f, fields[k]),
            path + "." + fields[k],
            "must not be shorter or smaller than " + fields[k - 1]);
      }
    }
  }

  /**
   * The settings: each group from {@code groups}, or from {@code fallback} when no file defines it;
   * without a fallback (the built-in files themselves) every group is required.
   */
  static DetectorSettings build(
      Map<String, Group> groups,
      DetectorSettings fallback,
      String origin,
      List<RuleProblem> problems) {
    if (fallback == null) {
      for (String name : GROUPS.keySet()) {
        if (!groups.containsKey(name)) {
          problems.add(
              new RuleProblem(
                  origin, 0, "detectors." + name, "is required in the built-in rule files"));
        }
      }
      if (!problems.isEmpty()) {
        return null;
      }
    }
    Group g;
    return new DetectorSettings(
        (g = groups.get("outage_levels")) == null
            ? fallback.outageLevels()
            : new OutageLevels(
                g.d("iv_after"),
                g.d("iii_after"),
                g.d("ii_after"),
                g.d("i_after"),
                g.d("ii_multi_center_after"),
                g.d("i_multi_center_after")),
        (g = groups.get("heartbeat")) == null
            ? fallback.heartbeat()
            : new DetectorSettings.Heartbeat(g.i("missed_intervals"), g.d("lateness")),
        (g = groups.get("outage_recovery")) == null
            ? fallback.outageRecovery()
            : new DetectorSettings.OutageRecovery(g.d("clear_hold")),
        (g = groups.get("traffic_loss")) == null
            ? fallback.trafficLoss()
            : new DetectorSettings.TrafficLoss(
                g.i("window_minutes"), g.n("ratio"), g.n("min_expected"), g.d("lateness")),
        (g = groups.get("slo_burn")) == null
            ? fallback.sloBurn()
            : new DetectorSettings.SloBurn(
                g.n("error_objective"),
                g.n("latency_objective"),
                g.d("bucket"),
                g.w("min_events"),
                g.d("page_long_window"),
                g.d("page_short_window"),
                g.n("page_factor"),
                g.d("ticket_long_window"),
                g.d("ticket_short_window"),
                g.n("ticket_factor")),
        (g = groups.get("health_anomaly")) == null
            ? fallback.healthAnomaly()
            : new DetectorSettings.HealthAnomaly(
                g.d("bucket"),
                g.i("max_series"),
                seasonal(g, "resource_"),
                seasonal(g, "workload_")),
        (g = groups.get("attack_levels")) == null
            ? fallback.attackLevels()
            : new DetectorSettings.AttackLevels(g.d("iii_after")),
        (g = groups.get("tdos")) == null
            ? fallback.tdos()
            : new DetectorSettings.Tdos(
                g.d("short_call"),
                g.d("repeat_window"),
                g.w("min_repeats"),
                g.n("flood_factor"),
                g.w("flood_excess"),
                g.w("flood_without_baseline"),
                g.n("min_short_share"),
                g.d("clear_after")),
        (g = groups.get("ivr_bruteforce")) == null
            ? fallback.ivrBruteForce()
            : new DetectorSettings.IvrBruteForce(
                g.d("window"),
                g.d("clear_after"),
                g.w("min_accounts_per_ani"),
                g.w("min_anis_per_account"),
                g.n("min_failure_share")),
        (g = groups.get("credential_stuffing")) == null
            ? fallback.credentialStuffing()
            : new DetectorSettings.CredentialStuffing(
                g.d("window"),
                g.d("clear_after"),
                g.w("min_accounts_per_ip"),
                g.w("min_accounts_per_24"),
                g.w("min_accounts_per_16"),
                g.n("min_failure_share"),
                g.n("ratio_factor"),
                g.n("ratio_margin"),
                g.w("min_failures")),
        (g = groups.get("ddos")) == null
            ? fallback.ddos()
            : new DetectorSettings.Ddos(
                g.w("heavy_per_minute"),
                g.n("factor"),
                g.w("min_excess"),
                g.n("per_source_factor"),
                g.n("latency_factor"),
                g.d("clear_after")));
  }

  private static DetectorSettings.Seasonal seasonal(Group g, String prefix) {
    return new DetectorSettings.Seasonal(
        g.n(prefix + "z"),
        g.i(prefix + "confirm_buckets"),
        g.i(prefix + "clear_buckets"),
        g.n(prefix + "relative_floor"),
        g.n(prefix + "absolute_floor"));
  }
}
