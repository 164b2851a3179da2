package io.cscmon.core.rule;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rule files of a rule set, unparsed: file name → text. This is what travels to the running job
 * on a reload (every parallel instance parses the same texts to the same rules) and what the job
 * keeps in broadcast state, so that a restored job runs the rules it last accepted.
 *
 * @param origin where the files were read from, for messages
 */
public record RuleTexts(SortedMap<String, String> files, String origin) implements Serializable {

  /** Where the jar carries the default rules: a copy of {@code alert-rules/rules/*.yaml}. */
  public static final String DEFAULTS_RESOURCE = "io/cscmon/rules/default";

  public RuleTexts {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /**
   * The version of the alert rules: the first 12 hex digits of a SHA-256 over each file's name and
   * text, in name order, leaving out the files that hold only detector settings or the emergency
   * plan ({@link #holdsAlertRules}). Those are fixed for the life of a job (a change needs a
   * restart, {@link RuleSet#detectors()}), and leaving them out keeps the version of a set of alert
   * rules, and every alert that names it, what it was before the detector settings moved into
   * files.
   */
  public String version() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> file : files.entrySet()) {
        if (!holdsAlertRules(file.getValue())) {
          continue;
        }
        sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(file.getValue().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Pattern SETTINGS_SECTION =
      Pattern.compile("(?m)^(detectors|emergency)\\s*:");
  private static final Pattern RULES_SECTION = Pattern.compile("(?m)^rules\\s*:");

  /**
   * Whether a file counts for the version: any file but one with a top-level {@code detectors:} or
   * {@code emergency:} block and no top-level {@code rules:} block (a file that cannot be told
   * apart this way counts, so that no change of alert rules ever keeps the version).
   */
  static boolean holdsAlertRules(String text) {
    return RULES_SECTION.matcher(text).find() || !SETTINGS_SECTION.matcher(text).find();
  }

  /**
   * The rule files of {@code dir}: its {@code *.yaml} and {@code *.yml} files, or, when {@code dir}
   * has a {@code rules} subdirectory (as the {@code alert-rules} module has), that directory's.
   */
  public static RuleTexts read(Path dir) throws IOException {
    Path base = Files.isDirectory(dir.resolve("rules")) ? dir.resolve("rules") : dir;
    if (!Files.isDirectory(base)) {
      throw new IOException(dir + " is not a directory");
    }
    SortedMap<String, String> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(base)) {
      for (Path file : entries.filter(RuleTexts::isRuleFile).sorted().toList()) {
        files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return new RuleTexts(files, base.toString());
  }

  /**
   * The default rules the jar carries. Synchronized: inside a jar this opens and closes a zip file
   * system, which two threads must not do at once.
   */
  public static synchronized RuleTexts defaults() {
    URL url = RuleTexts.class.getClassLoader().getResource(DEFAULTS_RESOURCE);
    if (url == null) {
      throw new IllegalStateException(
          "the default rules are missing from the classpath (" + DEFAULTS_RESOURCE + ")");
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        FileSystem fs;
        boolean opened = false;
        try {
          fs = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
          fs = FileSystems.newFileSystem(uri, new HashMap<String, Object>());
          opened = true;
        }
        try {
          return withOrigin(read(fs.getPath(DEFAULTS_RESOURCE)), "built-in defaults");
        } finally {
          if (opened) {
            fs.close();
          }
        }
      }
      return withOrigin(read(Path.of(uri)), "built-in defaults");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RuleTexts withOrigin(RuleTexts texts, String origin) {
    return new RuleTexts(texts.files(), origin);
  }

  private static boolean isRuleFile(Path p) {
    String name = p.getFileName().toString();
    return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }
}
