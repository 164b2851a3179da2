package io.cscmon.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cscmon.dashboards.Dashboards.Dashboard;
import io.cscmon.dashboards.Dashboards.Query;
import io.cscmon.dashboards.MetricCatalog.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks every dashboard the repo ships: unique uid, a schema version, every panel has a datasource
 * and queries, every variable it uses is defined (or one of Grafana's built-ins), every runbook
 * link points at a section of {@code alert-rules/runbook.md}, and every metric a query or a
 * template variable names is listed in {@code metrics.txt} with the labels its matchers use.
 */
class DashboardFilesTest {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)");
  private static final Set<String> BUILT_INS =
      Set.of(
          "__rate_interval",
          "__interval",
          "__interval_ms",
          "__range",
          "__range_s",
          "__range_ms",
          "__from",
          "__to",
          "__dashboard",
          "__user",
          "__org",
          "__all");
  private static final Pattern RUNBOOK_LINK = Pattern.compile("runbook\\.md(?:#([^\"\\s)]*))?");
  private static final Path RUNBOOK = Path.of("..", "alert-rules", "runbook.md");

  private static MetricCatalog catalog() throws Exception {
    return MetricCatalog.load(Path.of("metrics.txt"));
  }

  @Test
  void everyDashboardIsWellFormed() throws Exception {
    List<Dashboard> dashboards = Dashboards.all();
    assertThat(dashboards).hasSizeGreaterThanOrEqualTo(6);
    Set<String> uids = new HashSet<>();
    for (Dashboard dashboard : dashboards) {
      Path file = dashboard.file();
      JsonNode json = dashboard.json();
      assertThat(dashboard.uid()).as(file + " uid").isNotBlank().hasSizeLessThanOrEqualTo(40);
      assertThat(uids.add(dashboard.uid())).as(file + " uid is unique").isTrue();
      assertThat(json.path("schemaVersion").asInt()).as(file + " schemaVersion").isPositive();
      assertThat(json.path("title").asText()).as(file + " title").isNotBlank();
      assertThat(dashboard.panels()).as(file + " panels").isNotEmpty();

      Set<Integer> ids = new HashSet<>();
      json.path("panels").forEach(p -> assertThat(ids.add(p.path("id").asInt())).isTrue());
      for (JsonNode panel : dashboard.panels()) {
        String where = file + " panel '" + panel.path("title").asText() + "'";
        assertThat(panel.path("title").asText()).as(where + " title").isNotBlank();
        assertThat(panel.path("datasource").path("uid").asText())
            .as(where + " datasource")
            .isNotBlank();
        JsonNode grid = panel.path("gridPos");
        assertThat(grid.path("x").asInt() + grid.path("w").asInt())
            .as(where + " width")
            .isBetween(1, 24);
        assertThat(grid.path("h").asInt()).as(where + " height").isPositive();
        JsonNode targets = panel.path("targets");
        assertThat(targets.size()).as(where + " queries").isPositive();
        Set<String> refIds = new HashSet<>();
        for (JsonNode target : targets) {
          assertThat(target.path("expr").asText()).as(where + " expr").isNotBlank();
          assertThat(refIds.add(target.path("refId").asText()))
              .as(where + " refId unique")
              .isTrue();
        }
      }
    }
  }

  @Test
  void everyVariableResolves() throws Exception {
    for (Dashboard dashboard : Dashboards.all()) {
      Set<String> defined = new LinkedHashSet<>();
      Set<String> names = new HashSet<>();
      for (JsonNode variable : dashboard.variables()) {
        String name = variable.path("name").asText();
        assertThat(name).as(dashboard.file() + " variable name").matches("\\w+");
        assertThat(names.add(name)).as(dashboard.file() + " variable " + name + " unique").isTrue();
        // A variable's query may use only the variables before it: Grafana resolves them in order.
        assertUses(
            dashboard.file() + " variable " + name, Dashboards.variableQuery(variable), defined);
        defined.add(name);
      }
      for (JsonNode panel : dashboard.panels()) {
        assertUses(
            dashboard.file() + " panel '" + panel.path("title").asText() + "'",
            panel.toString(),
            defined);
      }
      assertUses(dashboard.file() + " links", dashboard.json().path("links").toString(), defined);
    }
  }

  private static void assertUses(String where, String text, Set<String> defined) {
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      assertThat(BUILT_INS.contains(name) || defined.contains(name))
          .as(where + " uses $" + name + ", defined: " + defined)
          .isTrue();
    }
  }

  @Test
  void theDatasourceVariableDefaultsToTheProvisionedDatasource() throws Exception {
    String provisioned = Files.readString(Path.of("provisioning/datasources/cscmon.yml"));
    for (Dashboard dashboard : Dashboards.all()) {
      JsonNode datasource =
          dashboard.variables().stream()
              .filter(v -> v.path("type").asText().equals("datasource"))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError(dashboard.file() + " has no datasource variable"));
      assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
      assertThat(provisioned)
          .as(dashboard.file() + " datasource default")
          .contains("uid: " + datasource.path("current").path("value").asText());
    }
  }

  @Test
  void runbookLinksPointAtSectionsOfTheRunbook() throws Exception {
    Set<String> sections = new HashSet<>();
    for (String line : Files.readAllLines(RUNBOOK)) {
      if (line.startsWith("## ")) {
        sections.add(githubAnchor(line.substring(3)));
      }
    }
    assertThat(sections).contains("servicelevelbreach");
    int anchored = 0;
    for (Dashboard dashboard : Dashboards.all()) {
      Matcher m = RUNBOOK_LINK.matcher(dashboard.json().toString());
      int links = 0;
      while (m.find()) {
        links++;
        if (m.group(1) != null) {
          anchored++;
          assertThat(sections)
              .as(dashboard.file() + " links to runbook section #" + m.group(1))
              .contains(m.group(1));
        }
      }
      assertThat(links).as(dashboard.file() + " links to the runbook").isPositive();
    }
    assertThat(anchored).as("links to runbook sections").isPositive();
  }

  @Test
  void everyPanelLinksToItsRunbookSection() throws Exception {
    List<String> unlinked = new ArrayList<>();
    for (Dashboard dashboard : Dashboards.all()) {
      for (JsonNode panel : dashboard.panels()) {
        boolean anchored = false;
        for (JsonNode link : panel.path("links")) {
          Matcher m = RUNBOOK_LINK.matcher(link.path("url").asText());
          anchored |= m.find() && m.group(1) != null;
        }
        if (!anchored) {
          unlinked.add(dashboard.file() + " panel " + panel.path("id") + " " + panel.path("title"));
        }
      }
    }
    assertThat(unlinked).as("panels without a link to a runbook section").isEmpty();
  }

  /**
   * Metrics the dashboards query that another issue's branch exports (see metrics.txt, {@code
   * planned:}); each must still be planned there, and nothing else may be.
   */
  static final Set<String> EXPORTED_ELSEWHERE = Set.of();

  private static final Path BINDERS =
      Path.of("..", "monitor-core", "src", "main", "java", "io", "cscmon", "core", "metrics");

  /**
   * Every metric a panel uses has an exporter: a monitor-core binder that registers it under its
   * Micrometer name (the Prometheus name without {@code _total}, {@code _max} or the base unit,
   * dots for underscores) — KpiGauges derives its names from the KPI stream, so its source file
   * only has to exist — Micrometer's JVM binders, or Flink's reporter.
   */
  @Test
  void everyMetricAPanelUsesIsExported() throws Exception {
    MetricCatalog catalog = catalog();
    Set<String> planned = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (Dashboard dashboard : Dashboards.all()) {
      for (Query query : dashboard.queries()) {
        for (PromQl.Selector s : PromQl.selectors(query.expr())) {
          Optional<Metric> found = catalog.find(s.metric());
          if (found.isEmpty()) {
            continue; // everyQueriedMetricIsInTheCatalogWithItsLabels reports it
          }
          Metric metric = found.get();
          String source = metric.source();
          if (metric.planned()) {
            planned.add(metric.name());
          } else if (source.startsWith("monitor-core:")) {
            Path binder = BINDERS.resolve(source.substring("monitor-core:".length()) + ".java");
            if (!Files.isRegularFile(binder)) {
              problems.add(query.where() + ": " + metric.name() + ": no binder " + binder);
            } else if (!source.equals("monitor-core:KpiGauges")
                && !Files.readString(binder).contains('"' + micrometerName(metric.name()) + '"')) {
              problems.add(
                  query.where()
                      + ": "
                      + binder.getFileName()
                      + " registers no "
                      + micrometerName(metric.name()));
            }
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(planned).as("planned metrics the dashboards use").isEqualTo(EXPORTED_ELSEWHERE);
  }

  /** The name a Micrometer binder registers for a Prometheus metric name. */
  static String micrometerName(String prometheus) {
    String name = prometheus;
    for (String suffix : List.of("_max", "_total", "_seconds", "_bytes")) {
      if (name.endsWith(suffix)) {
        name = name.substring(0, name.length() - suffix.length());
      }
    }
    return name.replace('_', '.');
  }

  @Test
  void micrometerNamesDropSuffixesAndUnits() {
    assertThat(micrometerName("cscmon_notification_duration_seconds_max"))
        .isEqualTo("cscmon.notification.duration");
    assertThat(micrometerName("cscmon_events_accepted_total")).isEqualTo("cscmon.events.accepted");
    assertThat(micrometerName("cscmon_component_latency_p99_seconds"))
        .isEqualTo("cscmon.component.latency.p99");
  }

  /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
  static String githubAnchor(String heading) {
    String s = Normalizer.normalize(heading.strip(), Normalizer.Form.NFC).toLowerCase();
    return s.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  @Test
  void githubAnchorsAreComputedAsGithubDoes() {
    assertThat(githubAnchor("ServiceLevelBreach")).isEqualTo("servicelevelbreach");
    assertThat(githubAnchor("Peak load (voice)")).isEqualTo("peak-load-voice");
  }

  @Test
  void everyQueriedMetricIsInTheCatalogWithItsLabels() throws Exception {
    MetricCatalog catalog = catalog();
    List<String> problems = new ArrayList<>();
    for (Dashboard dashboard : Dashboards.all()) {
      for (Query query : dashboard.queries()) {
        List<PromQl.Selector> selectors = PromQl.selectors(query.expr());
        if (selectors.isEmpty()) {
          problems.add(query.where() + " selects no metric: " + query.expr());
        }
        selectors.forEach(s -> check(catalog, s, query.where(), problems));
      }
      for (JsonNode variable : dashboard.variables()) {
        if (!variable.path("type").asText().equals("query")) {
          continue;
        }
        String where = dashboard.file() + " variable " + variable.path("name").asText();
        PromQl.LabelValues lv = PromQl.labelValues(Dashboards.variableQuery(variable));
        if (lv == null) {
          problems.add(where + " is not label_values(selector, label)");
          continue;
        }
        for (PromQl.Selector s : PromQl.selectors(lv.selector())) {
          check(catalog, s, where, problems);
          catalog
              .find(s.metric())
              .filter(m -> !m.labels().contains(lv.label()))
              .ifPresent(
                  m -> problems.add(where + ": " + m.name() + " has no label " + lv.label()));
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static void check(
      MetricCatalog catalog, PromQl.Selector selector, String where, List<String> problems) {
    Optional<Metric> metric = catalog.find(selector.metric());
    if (metric.isEmpty()) {
      problems.add(where + ": metric " + selector.metric() + " is not in metrics.txt");
      return;
    }
    for (String label : selector.labels()) {
      if (!metric.get().labels().contains(label) && !MetricCatalog.TARGET_LABELS.contains(label)) {
        problems.add(
            where + ": " + selector.metric() + " has no label " + label + " in metrics.txt");
      }
    }
  }

  @Test
  void theCatalogIsWellFormedAndEveryEntryIsUsedOrExported() throws Exception {
    MetricCatalog catalog = catalog();
    Set<String> used = new HashSet<>();
    for (Dashboard dashboard : Dashboards.all()) {
      for (Query query : dashboard.queries()) {
        PromQl.selectors(query.expr())
            .forEach(s -> catalog.find(s.metric()).ifPresent(m -> used.add(m.name())));
      }
    }
    for (Metric metric : catalog.metrics().values()) {
      assertThat(metric.name()).as("metric name").matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
      assertThat(metric.type()).as(metric.name()).isIn("counter", "gauge", "summary", "histogram");
      if (metric.type().equals("counter")) {
        assertThat(metric.name()).as(metric.name() + " is a counter").endsWith("_total");
      }
      assertThat(metric.source())
          .as(metric.name() + " source")
          .matches("monitor-core:\\w+|micrometer:jvm|flink:reporter|planned:issue-\\d+");
      // A planned metric is listed only because a dashboard needs it.
      if (metric.planned()) {
        assertThat(used)
            .as(metric.name() + " is planned but no dashboard uses it")
            .contains(metric.name());
      }
    }
  }

  @Test
  void selectorsAreFoundInPromQl() {
    assertThat(
            PromQl.selectors(
                "sum by (center, queue) (rate(a_total{center=~\"$center\", q!=\"}\"}[$__rate_interval]))"
                    + " / on (center) group_left max(b) or vector(0) > bool 1e3"))
        .containsExactly(
            new PromQl.Selector("a_total", Set.of("center", "q")),
            new PromQl.Selector("b", Set.of()));
    assertThat(PromQl.selectors("time() - min(x_seconds offset 5m) / 1000"))
        .extracting(PromQl.Selector::metric)
        .containsExactly("x_seconds");
  }

  @Test
  void provisioningAndScrapeConfigAreShipped() throws Exception {
    assertThat(Path.of("provisioning/datasources/cscmon.yml")).isRegularFile();
    assertThat(Path.of("provisioning/dashboards/cscmon.yml")).isRegularFile();
    assertThat(Path.of("prometheus.yml"))
        .content()
        .contains("/metrics")
        .contains("127.0.0.1:8080")
        .contains("127.0.0.1:9249");
    assertThat(Path.of("README.md")).content().contains("prometheus.yml").contains("provisioning");
  }
}
