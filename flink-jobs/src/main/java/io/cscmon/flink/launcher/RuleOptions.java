package io.cscmon.flink.launcher;

import io.cscmon.core.rule.RuleFiles;
import io.cscmon.core.rule.RuleSet;
import io.cscmon.core.rule.RuleTexts;
import io.cscmon.core.rule.RuleValidationException;
import io.cscmon.flink.job.DetectionOptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Which rules a command runs: the built-in defaults, or the rule files of {@code --rules DIR}.
 * Invalid rule files stop the command before anything starts, with every problem named by file,
 * line and field.
 */
final class RuleOptions {
  private RuleOptions() {}

  static DetectionOptions apply(Args args, DetectionOptions options) {
    String dir = args.get("rules");
    if (dir == null) {
      return options;
    }
    return options.withRules(load(Path.of(dir)));
  }

  /** The directory given with {@code --rules}, or null. */
  static Path dir(Args args) {
    String dir = args.get("rules");
    return dir == null ? null : Path.of(dir);
  }

  static RuleSet load(Path dir) {
    RuleTexts texts;
    try {
      texts = RuleTexts.read(dir);
    } catch (IOException e) {
      throw new Args.UsageException("--rules " + dir + ": " + e.getMessage());
    }
    try {
      return RuleFiles.parse(texts);
    } catch (RuleValidationException e) {
      throw new Args.UsageException(
          "--rules " + dir + ": refusing to start on invalid rules\n" + describe(texts, e));
    }
  }

  /** Each problem on a line of its own, with the file's path. */
  static String describe(RuleTexts texts, RuleValidationException e) {
    StringBuilder text = new StringBuilder();
    e.problems()
        .forEach(
            p ->
                text.append("  ")
                    .append(
                        texts.files().containsKey(p.file())
                            ? Path.of(texts.origin()).resolve(p.file())
                                + p.toString().substring(p.file().length())
                            : p.toString())
                    .append('\n'));
    return text.toString();
  }
}
