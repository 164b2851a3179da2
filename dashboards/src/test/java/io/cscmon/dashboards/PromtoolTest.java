package io.cscmon.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.dashboards.Dashboards.Dashboard;
import io.cscmon.dashboards.Dashboards.Query;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every panel query and variable selector is valid PromQL by Prometheus's own parser: they become
 * the records of a temporary rules file that {@code promtool check rules} must accept. Also checks
 * {@code prometheus.yml} with {@code promtool check config}. Skipped where promtool is not
 * installed (Debian's {@code prometheus} package has it); {@code .ci/run} installs it and sets
 * {@code CSCMON_REQUIRE_PROMTOOL}, which turns the skip into a failure.
 */
class PromtoolTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;

  @BeforeAll
  static void promtoolIsInstalled() {
    if (System.getenv("CSCMON_REQUIRE_PROMTOOL") != null) {
      assertThat(promtool()).as("promtool on PATH (CSCMON_REQUIRE_PROMTOOL is set)").isNotNull();
    }
    assumeTrue(promtool() != null, "promtool not on PATH (apt-get install prometheus)");
  }

  private static Path promtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private record Result(int exit, String output) {}

  private static Result run(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(promtool().toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    return new Result(p.exitValue(), output);
  }

  /** A rules file of one group whose records are the expressions, keyed by record name. */
  private static Path rulesFile(String name, Map<String, String> records) throws Exception {
    StringBuilder yaml = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
    for (Map.Entry<String, String> r : records.entrySet()) {
      yaml.append("      - record: ")
          .append(r.getKey())
          .append("\n        expr: ")
          // A JSON string is a YAML double-quoted scalar.
          .append(JSON.writeValueAsString(r.getValue()))
          .append('\n');
    }
    Path file = tmp.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  private static String recordName(String... parts) {
    return "dashboard:" + String.join("_", parts).replaceAll("[^a-zA-Z0-9_]", "_");
  }

  @Test
  void everyQueryIsValidPromQl() throws Exception {
    Map<String, String> records = new TreeMap<>();
    Map<String, String> where = new TreeMap<>();
    for (Dashboard dashboard : Dashboards.all()) {
      for (Query query : dashboard.queries()) {
        String name = recordName(dashboard.uid(), String.valueOf(query.panelId()), query.refId());
        assertThat(records.put(name, PromQl.interpolate(query.expr()))).as(name).isNull();
        where.put(name, query.where());
      }
      dashboard.variables().stream()
          .filter(v -> v.path("type").asText().equals("query"))
          .forEach(
              v -> {
                PromQl.LabelValues lv = PromQl.labelValues(Dashboards.variableQuery(v));
                if (lv != null) {
                  String name = recordName(dashboard.uid(), "var", v.path("name").asText());
                  records.put(name, PromQl.interpolate(lv.selector()));
                  where.put(name, dashboard.file() + " variable " + v.path("name").asText());
                }
              });
    }
    assertThat(records).hasSizeGreaterThan(40);
    Result result = run("check", "rules", rulesFile("dashboards.rules.yml", records).toString());
    assertThat(result.exit())
        .as(
            "promtool check rules on the dashboards' queries:\n%s\nrecords: %s",
            result.output(), where)
        .isZero();
    assertThat(result.output()).contains("SUCCESS: " + records.size() + " rules found");
  }

  @Test
  void promtoolRejectsAnInvalidExpression() throws Exception {
    Path bad =
        rulesFile(
            "bad.rules.yml",
            Map.of(
                recordName("bad"),
                PromQl.interpolate("sum by (queue) (rate(x[$__rate_interval])")));
    assertThat(run("check", "rules", bad.toString()).exit()).isNotZero();
    Path variable = rulesFile("var.rules.yml", Map.of(recordName("var"), "rate(x[$interval])"));
    assertThat(run("check", "rules", variable.toString()).exit())
        .as("an uninterpolated variable is not PromQL")
        .isNotZero();
  }

  @Test
  void theScrapeConfigIsValid() throws Exception {
    Result result = run("check", "config", Path.of("prometheus.yml").toString());
    assertThat(result.exit()).as(result.output()).isZero();
  }
}
