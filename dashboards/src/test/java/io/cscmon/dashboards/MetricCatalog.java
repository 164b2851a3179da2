package io.cscmon.dashboards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code dashboards/metrics.txt}: the metrics the dashboards may query, with their type, labels and
 * exporter. A summary {@code name} also stands for {@code name_count} and {@code name_sum}, a
 * histogram for those and {@code name_bucket}.
 */
record MetricCatalog(Map<String, Metric> metrics) {

  /** Labels Prometheus adds to every scraped series (job, instance) or the scrape config does. */
  static final Set<String> TARGET_LABELS = Set.of("job", "instance", "service", "__name__");

  record Metric(String name, String type, Set<String> labels, String source, String meaning) {
    boolean planned() {
      return source.startsWith("planned:");
    }
  }

  static MetricCatalog load(Path file) throws IOException {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s+", 5);
      if (f.length < 5) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": want name, type, labels, source, meaning: " + line);
      }
      Set<String> labels =
          f[2].equals("-") ? Set.of() : new TreeSet<>(Arrays.asList(f[2].split(",")));
      Metric metric = new Metric(f[0], f[1], labels, f[3], f[4]);
      if (metrics.put(f[0], metric) != null) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + f[0] + " listed twice");
      }
    }
    return new MetricCatalog(metrics);
  }

  /** The catalogued metric a series name belongs to. */
  Optional<Metric> find(String series) {
    Metric exact = metrics.get(series);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (String suffix : List.of("_count", "_sum", "_bucket")) {
      if (series.endsWith(suffix)) {
        Metric base = metrics.get(series.substring(0, series.length() - suffix.length()));
        if (base != null
            && (base.type().equals("histogram")
                || (base.type().equals("summary") && !suffix.equals("_bucket")))) {
          return Optional.of(base);
        }
      }
    }
    return Optional.empty();
  }
}
