package io.cscmon.core.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.notify.AlertmanagerForwardPayload;
import io.cscmon.core.notify.DestinationAllowList;
import io.cscmon.core.notify.Language;
import io.cscmon.core.notify.ReceiverSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The alert manager's YAML file (docs/alert-manager.md): Alertmanager's {@code route}, {@code
 * receivers}, {@code inhibit_rules} and {@code time_intervals}, plus cscmon's {@code escalations},
 * {@code urgent_levels} and {@code root_cause_inhibition}. Reading is strict: an unknown key, a
 * receiver named but not defined, a bad matcher or duration is an error that says where.
 */
public record AlertManagerConfig(
    RoutingConfig routing,
    Map<String, List<ReceiverSpec>> receivers,
    DestinationAllowList allowedDestinations,
    Map<String, Integer> maxPerMinute) {

  /**
   * A key given twice is an error, not "the last one wins": a second {@code matchers:} under a
   * route silently replaced the first and sent level I alerts to nobody.
   */
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .build());

  private static final Pattern DURATION = Pattern.compile("((\\d+)(ms|s|m|h|d|w))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  /** Without an allow-list of destinations. */
  public AlertManagerConfig(RoutingConfig routing, Map<String, List<ReceiverSpec>> receivers) {
    this(routing, receivers, new DestinationAllowList(List.of()), Map.of());
  }

  public AlertManagerConfig {
    receivers = Map.copyOf(receivers);
    maxPerMinute = Map.copyOf(maxPerMinute);
    allowedDestinations.check(receivers, List.of());
    for (String name : routing.receivers()) {
      if (!receivers.containsKey(name)) {
        throw new IllegalArgumentException("receiver '" + name + "' is used but not defined");
      }
    }
  }

  public static AlertManagerConfig load(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  public static AlertManagerConfig parse(String yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(
          (at == null ? "" : "line " + at.getLineNr() + ": ") + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("not YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the file must be a YAML mapping");
    }
    only(
        root,
        "",
        "route",
        "receivers",
        "inhibit_rules",
        "time_intervals",
        "mute_time_intervals",
        "escalations",
        "urgent_levels",
        "root_cause_inhibition",
        "keep_firing_for",
        "allowed_destinations");
    if (!root.has("route")) {
      throw new IllegalArgumentException("route: required");
    }
    Route.Spec route = route(root.get("route"), "route", true);
    Map<String, List<ReceiverSpec>> receivers = receivers(root.path("receivers"));
    List<InhibitRule> inhibit = new ArrayList<>();
    int i = 0;
    for (JsonNode r : list(root, "inhibit_rules")) {
      String where = "inhibit_rules[" + i++ + "]";
      only(r, where, "source_matchers", "target_matchers", "equal");
      inhibit.add(
          new InhibitRule(
              matchers(r, where + ".source_matchers"),
              matchers(r, where + ".target_matchers"),
              strings(r, "equal")));
    }
    Map<String, List<TimeInterval>> intervals = new LinkedHashMap<>();
    for (String key : List.of("time_intervals", "mute_time_intervals")) {
      for (JsonNode t : list(root, key)) {
        only(t, key, "name", "time_intervals");
        String name = text(t, key + ".name");
        intervals.put(name, timeIntervals(t, key + "." + name));
      }
    }
    List<EscalationPolicy> escalations = new ArrayList<>();
    i = 0;
    for (JsonNode e : list(root, "escalations")) {
      String where = "escalations[" + i++ + "]";
      only(e, where, "levels", "steps");
      List<EscalationPolicy.Step> steps = new ArrayList<>();
      for (JsonNode s : list(e, "steps")) {
        only(s, where + ".steps", "after", "receiver");
        steps.add(
            new EscalationPolicy.Step(
                duration(text(s, where + ".steps.after")), text(s, where + ".steps.receiver")));
      }
      escalations.add(new EscalationPolicy(levels(strings(e, "levels"), where), steps));
    }
    Set<EmergencyLevel> urgent =
        root.has("urgent_levels")
            ? levels(strings(root, "urgent_levels"), "urgent_levels")
            : RoutingConfig.DEFAULT_URGENT;
    boolean rootCause = root.path("root_cause_inhibition").asBoolean(true);
    Duration keep = optDuration(root, "keep_firing_for", "");
    return new AlertManagerConfig(
        new RoutingConfig(
            route,
            inhibit,
            rootCause,
            intervals,
            escalations,
            urgent,
            keep == null ? Duration.ZERO : keep),
        receivers,
        new DestinationAllowList(strings(root, "allowed_destinations")),
        maxPerMinute(root.path("receivers")));
  }

  private static Route.Spec route(JsonNode n, String where, boolean isRoot) {
    only(
        n,
        where,
        "receiver",
        "group_by",
        "group_wait",
        "group_interval",
        "repeat_interval",
        "matchers",
        "continue",
        "mute_time_intervals",
        "active_time_intervals",
        "routes");
    List<Route.Spec> children = new ArrayList<>();
    int i = 0;
    for (JsonNode child : list(n, "routes")) {
      children.add(route(child, where + ".routes[" + i++ + "]", false));
    }
    if (isRoot && n.has("matchers")) {
      throw new IllegalArgumentException(where + ": the root route takes every alert; no matchers");
    }
    return new Route.Spec(
        matchers(n, where + ".matchers"),
        n.has("receiver") ? text(n, where + ".receiver") : null,
        n.has("group_by") ? strings(n, "group_by") : null,
        optDuration(n, "group_wait", where),
        optDuration(n, "group_interval", where),
        optDuration(n, "repeat_interval", where),
        n.path("continue").asBoolean(false),
        strings(n, "mute_time_intervals"),
        strings(n, "active_time_intervals"),
        children);
  }

  /** Receivers' {@code max_per_minute}: notifications a minute to each of their integrations. */
  private static Map<String, Integer> maxPerMinute(JsonNode list) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (JsonNode r : list) {
      JsonNode v = r.get("max_per_minute");
      if (v != null && !v.isNull()) {
        String where = "receivers." + r.path("name").asText() + ".max_per_minute";
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
          throw new IllegalArgumentException(where + ": must be a whole number, 0 for no limit");
        }
        out.put(r.path("name").asText(), v.asInt());
      }
    }
    return out;
  }

  private static Map<String, List<ReceiverSpec>> receivers(JsonNode list) {
    Map<String, List<ReceiverSpec>> out = new LinkedHashMap<>();
    for (JsonNode r : list) {
      only(
          r,
          "receivers",
          "name",
          "webhook_configs",
          "dingtalk_configs",
          "wecom_configs",
          "alertmanager_configs",
          "json_configs",
          "max_per_minute");
      String name = text(r, "receivers.name");
      String where = "receivers." + name;
      List<ReceiverSpec> specs = new ArrayList<>();
      for (JsonNode c : list(r, "webhook_configs")) {
        only(c, where + ".webhook_configs", "url", "secret", "language", "mask");
        try {
          specs.add(
              new ReceiverSpec.Webhook(
                  url(c, where + ".webhook_configs.url"),
                  c.hasNonNull("secret") ? c.get("secret").asText() : null,
                  language(c, Language.EN, where + ".webhook_configs"),
                  mask(c, false, where + ".webhook_configs")));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ".webhook_configs: " + e.getMessage(), e);
        }
      }
      for (JsonNode c : list(r, "dingtalk_configs")) {
        only(c, where + ".dingtalk_configs", "url", "secret", "language", "mask");
        specs.add(
            new ReceiverSpec.DingTalk(
                url(c, where + ".dingtalk_configs.url"),
                c.hasNonNull("secret") ? c.get("secret").asText() : null,
                language(c, Language.ZH_CN, where + ".dingtalk_configs"),
                mask(c, true, where + ".dingtalk_configs")));
      }
      for (JsonNode c : list(r, "wecom_configs")) {
        only(c, where + ".wecom_configs", "url", "language", "mask");
        specs.add(
            new ReceiverSpec.WeCom(
                url(c, where + ".wecom_configs.url"),
                language(c, Language.ZH_CN, where + ".wecom_configs"),
                mask(c, true, where + ".wecom_configs")));
      }
      for (JsonNode c : list(r, "json_configs")) {
        String at = where + ".json_configs";
        only(c, at, "url", "headers", "secret");
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        JsonNode h = c.path("headers");
        if (!h.isMissingNode() && !h.isNull() && !h.isObject()) {
          throw new IllegalArgumentException(at + ".headers: must be a mapping of name to value");
        }
        for (var e : h.properties()) {
          if (!e.getValue().isValueNode()) {
            throw new IllegalArgumentException(at + ".headers." + e.getKey() + ": must be text");
          }
          headers.put(e.getKey(), e.getValue().asText());
        }
        try {
          specs.add(
              new ReceiverSpec.Json(
                  url(c, at + ".url"),
                  headers,
                  c.hasNonNull("secret") ? c.get("secret").asText() : null));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
      }
      for (JsonNode c : list(r, "alertmanager_configs")) {
        only(c, where + ".alertmanager_configs", "url", "hold");
        Duration hold = optDuration(c, "hold", where + ".alertmanager_configs");
        specs.add(
            new ReceiverSpec.AlertmanagerForward(
                url(c, where + ".alertmanager_configs.url"),
                hold == null ? AlertmanagerForwardPayload.DEFAULT_HOLD : hold));
      }
      if (out.put(name, List.copyOf(specs)) != null) {
        throw new IllegalArgumentException("receiver '" + name + "' is defined twice");
      }
    }
    return out;
  }

  private static List<TimeInterval> timeIntervals(JsonNode t, String where) {
    List<TimeInterval> out = new ArrayList<>();
    for (JsonNode i : list(t, "time_intervals")) {
      only(i, where, "times", "weekdays", "days_of_month", "months", "location");
      List<TimeInterval.TimeRange> times = new ArrayList<>();
      for (JsonNode r : list(i, "times")) {
        only(r, where + ".times", "start_time", "end_time");
        times.add(
            TimeInterval.TimeRange.parse(
                text(r, where + ".start_time"), text(r, where + ".end_time")));
      }
      ZoneId zone;
      try {
        zone = i.has("location") ? ZoneId.of(i.get("location").asText()) : ZoneId.of("UTC");
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(where + ".location: unknown time zone", e);
      }
      try {
        out.add(
            new TimeInterval(
                times,
                TimeInterval.weekdays(strings(i, "weekdays")),
                TimeInterval.days(strings(i, "days_of_month")),
                TimeInterval.months(strings(i, "months")),
                zone));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /**
   * Go-style durations as Alertmanager writes them: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code
   * 1d}.
   */
  public static Duration duration(String text) {
    if (text == null || !DURATION.matcher(text.trim()).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration like 30s, 5m or 4h");
    }
    Duration d = Duration.ZERO;
    java.util.regex.Matcher m = PART.matcher(text.trim());
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      d =
          d.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
              });
    }
    return d;
  }

  private static Duration optDuration(JsonNode n, String field, String where) {
    if (!n.hasNonNull(field)) {
      return null;
    }
    try {
      return duration(n.get(field).asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + "." + field + ": " + e.getMessage(), e);
    }
  }

  private static Set<EmergencyLevel> levels(List<String> names, String where) {
    Set<EmergencyLevel> out = EnumSet.noneOf(EmergencyLevel.class);
    for (String name : names) {
      try {
        out.add(EmergencyLevel.fromLabel(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static List<Matcher> matchers(JsonNode n, String where) {
    String field = where.substring(where.lastIndexOf('.') + 1);
    try {
      return Matcher.parseAll(strings(n, field));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static URI url(JsonNode n, String where) {
    String text = text(n, where);
    URI uri;
    try {
      uri = new URI(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(where + ": '" + text + "' is not a URL");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException(where + ": '" + text + "' is not an http(s) URL");
    }
    return uri;
  }

  private static String text(JsonNode n, String where) {
    String field = where.substring(where.lastIndexOf('.') + 1);
    JsonNode v = n.get(field);
    if (v == null || !v.isValueNode() || v.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": required");
    }
    return v.asText();
  }

  private static List<String> strings(JsonNode n, String field) {
    List<String> out = new ArrayList<>();
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException(field + ": must be a list");
    }
    v.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static List<JsonNode> list(JsonNode n, String field) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException(field + ": must be a list");
    }
    v.forEach(out::add);
    return out;
  }

  /** {@code language: zh-CN | en}, or {@code otherwise}. */
  private static Language language(JsonNode c, Language otherwise, String where) {
    if (!c.hasNonNull("language")) {
      return otherwise;
    }
    try {
      return Language.of(c.get("language").asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ".language: " + e.getMessage(), e);
    }
  }

  /**
   * {@code mask: true | false}, or {@code otherwise}: chat robots' texts are masked unless switched
   * off (issue 12); webhooks carry CONTRACT §2's alert objects as they are unless switched on.
   */
  private static boolean mask(JsonNode c, boolean otherwise, String where) {
    if (!c.has("mask")) {
      return otherwise;
    }
    JsonNode m = c.get("mask");
    if (!m.isBoolean()) {
      throw new IllegalArgumentException(
          where + ".mask: must be true or false, not '" + m.asText() + "'");
    }
    return m.booleanValue();
  }

  private static void only(JsonNode n, String where, String... allowed) {
    if (!n.isObject()) {
      throw new IllegalArgumentException(where + ": must be a mapping");
    }
    Set<String> ok = Set.of(allowed);
    Iterator<String> names = n.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!ok.contains(name)) {
        throw new IllegalArgumentException(
            (where.isEmpty() ? "" : where + ": ") + "unknown key '" + name + "'");
      }
    }
  }
}
