package io.cscmon.flink.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The panel queries and {@code label_values} variables of {@code dashboards/grafana/*.json}, with
 * Grafana's variables replaced the way Grafana sends them to Prometheus when every variable is on
 * <i>All</i> (the dashboards' {@code allValue} is {@code .*}) and the time range is the last hour.
 */
final class DashboardQueries {
  private DashboardQueries() {}

  static final Path DIR = Path.of("..", "dashboards", "grafana");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RATE_INTERVAL = Pattern.compile("\\$\\{?__rate_interval}?");
  private static final Pattern INTERVAL = Pattern.compile("\\$\\{?__interval}?");
  private static final Pattern RANGE = Pattern.compile("\\$\\{?__range}?");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("^\\s*label_values\\((.*),\\s*(\\w+)\\s*\\)\\s*$", Pattern.DOTALL);

  /** One query of one panel. */
  record Query(String dashboard, int panel, String title, String refId, String expr) {
    String where() {
      return dashboard + " panel " + panel + " '" + title + "' " + refId;
    }
  }

  /** A {@code label_values(selector, label)} template variable. */
  record Variable(String dashboard, String name, String selector, String label) {}

  static List<Query> queries() throws IOException {
    List<Query> out = new ArrayList<>();
    for (Path file : files()) {
      JsonNode json = JSON.readTree(file.toFile());
      for (JsonNode panel : panels(json)) {
        for (JsonNode target : panel.path("targets")) {
          out.add(
              new Query(
                  file.getFileName().toString(),
                  panel.path("id").asInt(),
                  panel.path("title").asText(),
                  target.path("refId").asText(),
                  target.path("expr").asText()));
        }
      }
    }
    return out;
  }

  static List<Variable> variables() throws IOException {
    List<Variable> out = new ArrayList<>();
    for (Path file : files()) {
      for (JsonNode v : JSON.readTree(file.toFile()).path("templating").path("list")) {
        JsonNode q = v.path("query");
        Matcher m = LABEL_VALUES.matcher(q.isObject() ? q.path("query").asText() : q.asText());
        if (v.path("type").asText().equals("query") && m.matches()) {
          out.add(
              new Variable(
                  file.getFileName().toString(), v.path("name").asText(), m.group(1), m.group(2)));
        }
      }
    }
    return out;
  }

  /** The expression as Grafana sends it: intervals as durations, every variable on All. */
  static String interpolate(String expr, String scrapeInterval) {
    String out = RATE_INTERVAL.matcher(expr).replaceAll("1m");
    out = INTERVAL.matcher(out).replaceAll(scrapeInterval);
    out = RANGE.matcher(out).replaceAll("1h");
    return VARIABLE.matcher(out).replaceAll(".*");
  }

  private static List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if (panel.path("type").asText().equals("row")) {
        panel.path("panels").forEach(out::add);
      } else {
        out.add(panel);
      }
    }
    return out;
  }
}
