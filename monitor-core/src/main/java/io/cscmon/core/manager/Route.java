package io.cscmon.core.manager;

import io.cscmon.core.alert.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A node of the routing tree, with Alertmanager's semantics. An alert enters at the root and
 * descends depth-first into the first child whose matchers match; it stops at the first matching
 * child unless that child says {@code continue}, in which case the following siblings are tried
 * too. A node none of whose children match takes the alert itself. Children inherit every setting
 * they do not set (the receiver, grouping and timings); see {@link Spec}.
 *
 * <p>{@link #key()} is Alertmanager's route key ({@code {}} for the root, {@code {}/{team="x"}}
 * below it), the first part of the notifications' {@code groupKey}.
 */
public final class Route {

  /** A {@code group_by} of this one value groups by all labels: every alert its own group. */
  public static final String GROUP_BY_ALL = "...";

  /**
   * What configuration says about one route; {@code null} fields inherit from the parent. The root
   * must name a receiver.
   */
  public record Spec(
      List<Matcher> matchers,
      String receiver,
      List<String> groupBy,
      Duration groupWait,
      Duration groupInterval,
      Duration repeatInterval,
      boolean continueMatching,
      List<String> muteTimeIntervals,
      List<String> activeTimeIntervals,
      List<Spec> routes) {

    public Spec {
      matchers = matchers == null ? List.of() : List.copyOf(matchers);
      muteTimeIntervals = muteTimeIntervals == null ? List.of() : List.copyOf(muteTimeIntervals);
      activeTimeIntervals =
          activeTimeIntervals == null ? List.of() : List.copyOf(activeTimeIntervals);
      routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** A route to {@code receiver} for alerts matching {@code matchers}, inheriting the rest. */
    public static Spec to(String receiver, Matcher... matchers) {
      return new Spec(List.of(matchers), receiver, null, null, null, null, false, null, null, null);
    }

    public Spec withContinue() {
      Draft d = new Draft(this);
      d.continueMatching = true;
      return d.spec();
    }

    public Spec withTimings(Duration wait, Duration interval, Duration repeat) {
      Draft d = new Draft(this);
      d.groupWait = wait;
      d.groupInterval = interval;
      d.repeatInterval = repeat;
      return d.spec();
    }

    public Spec withGroupBy(String... labels) {
      Draft d = new Draft(this);
      d.groupBy = List.of(labels);
      return d.spec();
    }

    public Spec withMuteTimeIntervals(String... names) {
      Draft d = new Draft(this);
      d.muteTimeIntervals = List.of(names);
      return d.spec();
    }

    public Spec withActiveTimeIntervals(String... names) {
      Draft d = new Draft(this);
      d.activeTimeIntervals = List.of(names);
      return d.spec();
    }

    public Spec withRoutes(Spec... children) {
      Draft d = new Draft(this);
      d.routes = List.of(children);
      return d.spec();
    }

    /** A spec's fields to change: each wither changes its own and keeps the others. */
    private static final class Draft {
      private final List<Matcher> matchers;
      private final String receiver;
      private List<String> groupBy;
      private Duration groupWait;
      private Duration groupInterval;
      private Duration repeatInterval;
      private boolean continueMatching;
      private List<String> muteTimeIntervals;
      private List<String> activeTimeIntervals;
      private List<Spec> routes;

      private Draft(Spec s) {
        matchers = s.matchers;
        receiver = s.receiver;
        groupBy = s.groupBy;
        groupWait = s.groupWait;
        groupInterval = s.groupInterval;
        repeatInterval = s.repeatInterval;
        continueMatching = s.continueMatching;
        muteTimeIntervals = s.muteTimeIntervals;
        activeTimeIntervals = s.activeTimeIntervals;
        routes = s.routes;
      }

      private Spec spec() {
        return new Spec(
            matchers,
            receiver,
            groupBy,
            groupWait,
            groupInterval,
            repeatInterval,
            continueMatching,
            muteTimeIntervals,
            activeTimeIntervals,
            routes);
      }
    }
  }

  /** Alertmanager's defaults: 30 s, 5 min, 4 h, grouped by alertname and center. */
  public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);

  public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

  private final String key;
  private final List<Matcher> matchers;
  private final String receiver;
  private final List<String> groupBy;
  private final Duration groupWait;
  private final Duration groupInterval;
  private final Duration repeatInterval;
  private final boolean continueMatching;
  private final List<String> muteTimeIntervals;
  private final List<String> activeTimeIntervals;
  private final List<Route> children;

  private Route(Spec spec, Route parent, String key) {
    this.key = key;
    this.matchers = spec.matchers();
    this.receiver = pick(spec.receiver(), parent == null ? null : parent.receiver);
    if (receiver == null || receiver.isBlank()) {
      throw new IllegalArgumentException("the root route must name a receiver");
    }
    this.groupBy =
        pick(spec.groupBy(), parent == null ? GroupKey.GROUP_BY : parent.groupBy).stream().toList();
    this.groupWait = pick(spec.groupWait(), parent == null ? DEFAULT_GROUP_WAIT : parent.groupWait);
    this.groupInterval =
        pick(spec.groupInterval(), parent == null ? DEFAULT_GROUP_INTERVAL : parent.groupInterval);
    this.repeatInterval =
        pick(
            spec.repeatInterval(),
            parent == null ? DEFAULT_REPEAT_INTERVAL : parent.repeatInterval);
    if (groupWait.isNegative() || groupInterval.isNegative() || repeatInterval.isNegative()) {
      throw new IllegalArgumentException("route " + key + ": timings must not be negative");
    }
    this.continueMatching = spec.continueMatching();
    // Time intervals are inherited, as in Alertmanager.
    this.muteTimeIntervals =
        spec.muteTimeIntervals().isEmpty() && parent != null
            ? parent.muteTimeIntervals
            : spec.muteTimeIntervals();
    this.activeTimeIntervals =
        spec.activeTimeIntervals().isEmpty() && parent != null
            ? parent.activeTimeIntervals
            : spec.activeTimeIntervals();
    List<Route> kids = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < spec.routes().size(); i++) {
      Spec child = spec.routes().get(i);
      String childKey =
          key
              + "/{"
              + child.matchers().stream().map(Matcher::toString).collect(Collectors.joining(","))
              + "}";
      if (!keys.add(childKey)) {
        childKey = childKey + "/" + i; // siblings with equal matchers still get distinct groups
      }
      kids.add(new Route(child, this, childKey));
    }
    this.children = List.copyOf(kids);
  }

  /** Builds the tree; throws {@link IllegalArgumentException} naming what is wrong. */
  public static Route tree(Spec root) {
    if (!root.matchers().isEmpty()) {
      throw new IllegalArgumentException("the root route must not have matchers");
    }
    return new Route(root, null, GroupKey.ROOT_ROUTE);
  }

  /** The routes that take {@code alert}, in tree order; never empty (the root takes the rest). */
  public List<Route> match(Alert alert) {
    List<Route> out = new ArrayList<>();
    collect(alert.labels(), out);
    return out;
  }

  private boolean collect(Map<String, String> labels, List<Route> out) {
    if (!Matcher.all(matchers, labels)) {
      return false;
    }
    boolean childMatched = false;
    for (Route child : children) {
      if (child.collect(labels, out)) {
        childMatched = true;
        if (!child.continueMatching) {
          break;
        }
      }
    }
    if (!childMatched) {
      out.add(this);
    }
    return true;
  }

  /** Every route of the tree, root first. */
  public List<Route> all() {
    List<Route> out = new ArrayList<>();
    out.add(this);
    for (Route child : children) {
      out.addAll(child.all());
    }
    return out;
  }

  public String key() {
    return key;
  }

  public List<Matcher> matchers() {
    return matchers;
  }

  public String receiver() {
    return receiver;
  }

  public List<String> groupBy() {
    return groupBy;
  }

  public Duration groupWait() {
    return groupWait;
  }

  public Duration groupInterval() {
    return groupInterval;
  }

  public Duration repeatInterval() {
    return repeatInterval;
  }

  public boolean continueMatching() {
    return continueMatching;
  }

  public List<String> muteTimeIntervals() {
    return muteTimeIntervals;
  }

  public List<String> activeTimeIntervals() {
    return activeTimeIntervals;
  }

  public List<Route> children() {
    return children;
  }

  @Override
  public String toString() {
    return "Route" + key + "->" + receiver;
  }

  private static <T> T pick(T own, T inherited) {
    return own != null ? own : inherited;
  }
}
