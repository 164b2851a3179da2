package io.cscmon.flink.launcher;

import io.cscmon.core.rule.DefaultRules;
import io.cscmon.core.rule.PrometheusRules;
import io.cscmon.core.rule.RestartOnlyChanges;
import io.cscmon.core.rule.RuleFiles;
import io.cscmon.core.rule.RuleSet;
import io.cscmon.core.rule.RuleTexts;
import io.cscmon.core.rule.RuleValidationException;
import io.cscmon.core.rule.ThresholdRule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code rules validate DIR}: checks rule files, naming file, line and field of every problem (exit
 * 1 when there is one). {@code rules export-prometheus DIR [--out FILE] [--tests FILE]}: the same
 * rules as Prometheus alerting rules over the service's KPI gauges, and their {@code promtool test
 * rules} tests.
 */
final class RulesCommand {
  private RulesCommand() {}

  static int run(String[] argv, PrintStream out, PrintStream err) throws IOException {
    if (argv.length < 2 || argv[1].startsWith("--")) {
      throw new Args.UsageException(
          "usage: rules validate DIR | rules export-prometheus DIR [--out FILE] [--tests FILE]");
    }
    String[] rest = Arrays.copyOfRange(argv, 2, argv.length);
    Path dir = Path.of(argv[1]);
    try {
      return switch (argv[0]) {
        case "validate" -> validate(dir, rest, out, err);
        case "export-prometheus" -> export(dir, rest, out, err);
        default -> throw new Args.UsageException("unknown rules command '" + argv[0] + "'");
      };
    } catch (java.nio.file.NoSuchFileException e) {
      throw new Args.UsageException(e.getFile() + " does not exist");
    } catch (IOException e) {
      throw new Args.UsageException(e.getMessage());
    }
  }

  private static int validate(Path dir, String[] rest, PrintStream out, PrintStream err)
      throws IOException {
    Args.parse(rest, Set.of(), Set.of());
    RuleTexts texts = RuleTexts.read(dir);
    try {
      RuleSet rules = RuleFiles.parse(texts);
      out.printf(
          "%s: %d rules in %d files are valid (version %s): %s%n",
          texts.origin(),
          rules.rules().size(),
          texts.files().size(),
          rules.version(),
          rules.rules().stream().map(ThresholdRule::alertname).toList());
      // Where the directory's detector settings and emergency plan differ from the shipped ones.
      List<String> tuned =
          RestartOnlyChanges.between(DefaultRules.ruleSet(), rules, texts).stream()
              .map(p -> p.field() + " (" + p.file() + ":" + p.line() + ")")
              .toList();
      out.printf(
          "detector settings and emergency plan: %s%n",
          tuned.isEmpty() ? "as shipped" : "differ from the shipped in " + tuned);
      return 0;
    } catch (RuleValidationException e) {
      err.printf(
          "%s: %d %s%n%s",
          texts.origin(),
          e.problems().size(),
          e.problems().size() == 1 ? "problem" : "problems",
          RuleOptions.describe(texts, e));
      return 1;
    }
  }

  private static int export(Path dir, String[] rest, PrintStream out, PrintStream err)
      throws IOException {
    Args args = Args.parse(rest, Set.of("out", "tests"), Set.of());
    RuleTexts texts = RuleTexts.read(dir);
    RuleSet rules;
    try {
      rules = RuleFiles.parse(texts);
    } catch (RuleValidationException e) {
      err.printf("%s: not exported\n%s", texts.origin(), RuleOptions.describe(texts, e));
      return 1;
    }
    String yaml = PrometheusRules.rules(rules);
    String outFile = args.get("out");
    if (outFile == null) {
      out.print(yaml);
    } else {
      write(Path.of(outFile), yaml);
      out.printf("%d rules -> %s%n", rules.rules().size(), outFile);
    }
    String testsFile = args.get("tests");
    if (testsFile != null) {
      Path tests = Path.of(testsFile);
      Path rulesPath = outFile == null ? null : Path.of(outFile);
      if (rulesPath == null) {
        throw new Args.UsageException("--tests needs --out: the tests load the rules file");
      }
      Path relative =
          tests.toAbsolutePath().getParent().relativize(rulesPath.toAbsolutePath().normalize());
      write(tests, PrometheusRules.tests(rules, relative.toString()));
      out.printf("promtool tests -> %s%n", tests);
    }
    return 0;
  }

  private static void write(Path file, String text) throws IOException {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
