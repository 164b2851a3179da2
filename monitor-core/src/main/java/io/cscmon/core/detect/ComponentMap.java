package io.cscmon.core.detect;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which component depends on which (issue 5, "Dependencies"), read from {@code
 * alert-rules/components.yaml}. A parent's outage explains its children's symptoms; {@link
 * RootCauseTagger} uses the map to tie them together.
 *
 * <p>The file is a small YAML subset, parsed here so that monitor-core needs no YAML library:
 *
 * <pre>
 * components:
 *   core_banking:
 *     children: [ivr, app_api, web]
 *     customer_facing: true
 *     channels: []
 *     latency_p99_slo_ms: 1500
 * </pre>
 *
 * Two-space indentation, {@code #} comments, scalars and flow lists {@code [a, b]}; anything else
 * is rejected with its line number. Components the file does not name are customer-facing with no
 * children.
 */
public final class ComponentMap implements Serializable {

  /** One component's entry. */
  public record Component(
      String name,
      List<String> children,
      List<String> channels,
      boolean customerFacing,
      double latencyP99SloMs)
      implements Serializable {}

  /** The latency objective of components the file gives none: 2 s at p99. */
  public static final double DEFAULT_LATENCY_SLO_MS = 2000;

  public static final ComponentMap EMPTY = new ComponentMap(Map.of());

  private final Map<String, Component> components;
  private final Map<String, List<String>> parents;

  public ComponentMap(Map<String, Component> components) {
    this.components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    Map<String, List<String>> p = new LinkedHashMap<>();
    for (Component c : components.values()) {
      for (String child : c.children()) {
        p.computeIfAbsent(child, k -> new ArrayList<>()).add(c.name());
      }
    }
    this.parents = p;
  }

  public Map<String, Component> components() {
    return components;
  }

  public Component component(String name) {
    Component c = components.get(name);
    return c != null ? c : new Component(name, List.of(), List.of(), true, DEFAULT_LATENCY_SLO_MS);
  }

  public boolean customerFacing(String name) {
    return component(name).customerFacing();
  }

  /** Every component {@code name} depends on, directly or through others, nearest first. */
  public List<String> ancestors(String name) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(parents.getOrDefault(name, List.of()));
    while (!todo.isEmpty()) {
      String p = todo.removeFirst();
      if (!p.equals(name) && seen.add(p)) {
        todo.addAll(parents.getOrDefault(p, List.of()));
      }
    }
    return List.copyOf(seen);
  }

  /** The components that serve {@code channel} (e.g. {@code voice} → voice_gateway, ivr, acd). */
  public List<String> componentsOfChannel(String channel) {
    List<String> out = new ArrayList<>();
    for (Component c : components.values()) {
      if (c.channels().contains(channel)) {
        out.add(c.name());
      }
    }
    return out;
  }

  public static ComponentMap load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses the YAML subset described above; {@code origin} names the text in errors. */
  public static ComponentMap parse(String text, String origin) {
    Map<String, Component> out = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    boolean inComponents = false;
    String current = null;
    Map<String, String> fields = null;
    for (int i = 0; i < lines.length; i++) {
      String raw = stripComment(lines[i]);
      if (raw.isBlank()) {
        continue;
      }
      int indent = 0;
      while (indent < raw.length() && raw.charAt(indent) == ' ') {
        indent++;
      }
      String line = raw.strip();
      int colon = line.indexOf(':');
      if (colon <= 0 || raw.indexOf('\t') >= 0) {
        throw error(origin, i, "expected 'key: value' with space indentation");
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (indent == 0) {
        if (!key.equals("components") || !value.isEmpty()) {
          throw error(origin, i, "the top level has only 'components:'");
        }
        inComponents = true;
      } else if (indent == 2 && inComponents) {
        if (!value.isEmpty()) {
          throw error(origin, i, "component '" + key + "' needs its fields on the lines below");
        }
        if (current != null) {
          out.put(current, component(current, fields, origin, i));
        }
        if (out.containsKey(key)) {
          throw error(origin, i, "component '" + key + "' appears twice");
        }
        current = key;
        fields = new LinkedHashMap<>();
      } else if (indent == 4 && current != null) {
        if (!List.of("children", "channels", "customer_facing", "latency_p99_slo_ms")
            .contains(key)) {
          throw error(origin, i, "unknown field '" + key + "'");
        }
        fields.put(key, value);
      } else {
        throw error(origin, i, "unexpected indentation");
      }
    }
    if (current != null) {
      out.put(current, component(current, fields, origin, lines.length - 1));
    }
    return new ComponentMap(out);
  }

  private static Component component(String name, Map<String, String> f, String origin, int line) {
    try {
      return new Component(
          name,
          list(f.getOrDefault("children", "[]")),
          list(f.getOrDefault("channels", "[]")),
          Boolean.parseBoolean(f.getOrDefault("customer_facing", "true").strip()),
          Double.parseDouble(
              f.getOrDefault("latency_p99_slo_ms", String.valueOf(DEFAULT_LATENCY_SLO_MS))));
    } catch (IllegalArgumentException e) {
      throw error(origin, line, "component '" + name + "': " + e.getMessage());
    }
  }

  private static List<String> list(String v) {
    String s = v.strip();
    if (!s.startsWith("[") || !s.endsWith("]")) {
      throw new IllegalArgumentException("expected a list [a, b], got '" + v + "'");
    }
    List<String> out = new ArrayList<>();
    for (String part : s.substring(1, s.length() - 1).split(",")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return List.copyOf(out);
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    return hash >= 0 ? line.substring(0, hash) : line;
  }

  private static IllegalArgumentException error(String origin, int line, String message) {
    return new IllegalArgumentException(origin + ":" + (line + 1) + ": " + message);
  }
}
