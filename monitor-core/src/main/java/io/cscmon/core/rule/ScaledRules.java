package io.cscmon.core.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rule set of any size for the benchmarks that measure how cost grows with rules (issue 11: 10 →
 * 1,000): the default rules repeated round-robin, each copy renamed {@code <Name>Copy<n>}. Every
 * copy is a real rule over the KPI stream, so the figures are those of an operator who wrote that
 * many rules over the same signals — the worst case, where every rule applies to its samples.
 */
public final class ScaledRules {
  private ScaledRules() {}

  private static final String RULE_START = "  - name: ";

  /** {@code count} rules as one rule file, {@code scaled.yaml}. */
  public static RuleTexts texts(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive, got " + count);
    }
    List<String> blocks = new ArrayList<>();
    for (String text : RuleTexts.defaults().files().values()) {
      blocks.addAll(ruleBlocks(text));
    }
    StringBuilder file = new StringBuilder("rules:\n");
    for (int i = 0; i < count; i++) {
      String block = blocks.get(i % blocks.size());
      int nameEnd = block.indexOf('\n');
      String name = block.substring(RULE_START.length(), nameEnd).strip();
      String copy = name + "Copy" + (i / blocks.size());
      // The validator wants CamelCase names and each rule's own runbook anchor.
      file.append(
          block
              .replace(RULE_START + name + "\n", RULE_START + copy + "\n")
              .replace("#" + name.toLowerCase(Locale.ROOT), "#" + copy.toLowerCase(Locale.ROOT)));
    }
    return new RuleTexts(new TreeMap<>(Map.of("scaled.yaml", file.toString())), count + " rules");
  }

  /** The rule blocks of one file, each from its {@code - name:} line to the next. */
  private static List<String> ruleBlocks(String text) {
    List<String> blocks = new ArrayList<>();
    int at = text.indexOf(RULE_START);
    while (at >= 0) {
      int next = text.indexOf("\n" + RULE_START, at);
      String block = next < 0 ? text.substring(at) : text.substring(at, next + 1);
      blocks.add(block.endsWith("\n") ? block : block + "\n");
      at = next < 0 ? -1 : next + 1;
    }
    return blocks;
  }
}
