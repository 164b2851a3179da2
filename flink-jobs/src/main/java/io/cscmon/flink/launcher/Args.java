package io.cscmon.flink.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value} (repeatable) and {@code --flag}. A {@code
 * --config FILE} of {@code name=value} lines supplies the same options; the command line wins.
 * Unknown options are an error that names them, so a typo never silently runs a default.
 */
final class Args {

  private final Map<String, List<String>> values = new LinkedHashMap<>();

  private Args() {}

  static Args parse(String[] argv, Set<String> valued, Set<String> flags) {
    Args args = new Args();
    for (int i = 0; i < argv.length; i++) {
      String arg = argv[i];
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String inline = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inline = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flags.contains(name) && inline == null) {
        args.add(name, "true");
      } else if (valued.contains(name) || name.equals("config")) {
        String value = inline != null ? inline : (i + 1 < argv.length ? argv[++i] : null);
        if (value == null) {
          throw new UsageException("--" + name + " needs a value");
        }
        args.add(name, value);
      } else {
        throw new UsageException("unknown option --" + name);
      }
    }
    if (args.values.containsKey("config")) {
      args.mergeConfig(Path.of(args.get("config")), valued, flags);
    }
    return args;
  }

  private void mergeConfig(Path file, Set<String> valued, Set<String> flags) {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException e) {
      throw new UsageException("cannot read config " + file + ": " + e.getMessage());
    }
    for (String name : props.stringPropertyNames()) {
      if (!valued.contains(name) && !flags.contains(name)) {
        throw new UsageException(file + ": unknown setting '" + name + "'");
      }
      if (!values.containsKey(name)) {
        // A repeatable setting lists its values separated by commas or spaces.
        for (String v : props.getProperty(name).trim().split("[,\\s]+")) {
          if (!v.isEmpty()) {
            add(name, v);
          }
        }
      }
    }
  }

  private void add(String name, String value) {
    values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }

  String get(String name) {
    List<String> v = values.get(name);
    return v == null ? null : v.get(v.size() - 1);
  }

  String get(String name, String fallback) {
    String v = get(name);
    return v == null ? fallback : v;
  }

  String require(String name) {
    String v = get(name);
    if (v == null) {
      throw new UsageException("--" + name + " is required");
    }
    return v;
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  boolean flag(String name) {
    return "true".equals(get(name));
  }

  int integer(String name, int fallback) {
    String v = get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
    }
  }

  double decimal(String name, double fallback) {
    String v = get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, got '" + v + "'");
    }
  }

  /** A mistake in how the command was called; the launcher prints it with the usage and exits 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
