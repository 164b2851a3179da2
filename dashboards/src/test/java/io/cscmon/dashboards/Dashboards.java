package io.cscmon.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The dashboards under {@code dashboards/grafana/}, their panels and their queries. */
final class Dashboards {
  private Dashboards() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  record Dashboard(Path file, JsonNode json) {
    String uid() {
      return json.path("uid").asText();
    }

    /** Every panel, those nested in collapsed rows included; rows themselves are not panels. */
    List<JsonNode> panels() {
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode panel : json.path("panels")) {
        if (panel.path("type").asText().equals("row")) {
          panel.path("panels").forEach(out::add);
        } else {
          out.add(panel);
        }
      }
      return out;
    }

    List<JsonNode> variables() {
      List<JsonNode> out = new ArrayList<>();
      json.path("templating").path("list").forEach(out::add);
      return out;
    }

    List<Query> queries() {
      List<Query> out = new ArrayList<>();
      for (JsonNode panel : panels()) {
        for (JsonNode target : panel.path("targets")) {
          out.add(
              new Query(
                  this,
                  panel.path("id").asInt(),
                  panel.path("title").asText(),
                  target.path("refId").asText(),
                  target.path("expr").asText()));
        }
      }
      return out;
    }
  }

  /** One panel query. */
  record Query(Dashboard dashboard, int panelId, String panelTitle, String refId, String expr) {
    String where() {
      return dashboard.file().getFileName()
          + " panel "
          + panelId
          + " '"
          + panelTitle
          + "' query "
          + refId;
    }
  }

  static final Path DIR = Path.of("grafana");

  static List<Dashboard> all() throws IOException {
    List<Dashboard> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        out.add(new Dashboard(file, JSON.readTree(file.toFile())));
      }
    }
    return out;
  }

  /** The text of a query variable's query (Grafana stores a string or a {query: ...} object). */
  static String variableQuery(JsonNode variable) {
    JsonNode query = variable.path("query");
    return query.isObject() ? query.path("query").asText() : query.asText();
  }
}
