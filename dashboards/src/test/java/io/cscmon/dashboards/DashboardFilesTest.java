package io.cscmon.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks every dashboard the repo ships: unique uid, a schema version, and every panel has a
 * datasource and queries; every {@code ${variable}} a panel uses is defined by the dashboard.
 */
class DashboardFilesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)");

  private static List<Path> dashboards() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("grafana"))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void everyDashboardIsWellFormed() throws Exception {
    List<Path> files = dashboards();
    assertThat(files).isNotEmpty();
    Set<String> uids = new HashSet<>();
    for (Path file : files) {
      JsonNode dashboard = JSON.readTree(file.toFile());
      String uid = dashboard.path("uid").asText();
      assertThat(uid).as(file + " uid").isNotBlank();
      assertThat(uids.add(uid)).as(file + " uid is unique").isTrue();
      assertThat(dashboard.path("schemaVersion").asInt()).as(file + " schemaVersion").isPositive();
      assertThat(dashboard.path("title").asText()).as(file + " title").isNotBlank();

      Set<String> variables = new HashSet<>();
      dashboard
          .path("templating")
          .path("list")
          .forEach(v -> variables.add(v.path("name").asText()));
      JsonNode panels = dashboard.path("panels");
      assertThat(panels.size()).as(file + " panels").isPositive();
      for (JsonNode panel : panels) {
        if (panel.path("type").asText().equals("row")) {
          continue;
        }
        String where = file + " panel '" + panel.path("title").asText() + "'";
        assertThat(panel.path("datasource").isMissingNode()).as(where + " datasource").isFalse();
        JsonNode targets = panel.path("targets");
        assertThat(targets.size()).as(where + " queries").isPositive();
        for (JsonNode target : targets) {
          assertThat(target.path("expr").asText()).as(where + " expr").isNotBlank();
        }
        Matcher m = VARIABLE.matcher(panel.toString());
        while (m.find()) {
          assertThat(variables).as(where + " uses $" + m.group(1)).contains(m.group(1));
        }
      }
    }
  }

  @Test
  void provisioningAndScrapeConfigAreShipped() {
    assertThat(Path.of("provisioning/datasources/cscmon.yml")).isRegularFile();
    assertThat(Path.of("provisioning/dashboards/cscmon.yml")).isRegularFile();
    assertThat(Path.of("prometheus.yml")).content().contains("/metrics").contains("127.0.0.1:8080");
  }
}
