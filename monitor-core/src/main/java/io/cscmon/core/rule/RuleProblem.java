package io.cscmon.core.rule;

import java.io.Serializable;

/**
 * One thing wrong with a rule file.
 *
 * @param file the file's name as given to the loader
 * @param line 1-based line of the offending node, 0 when the problem concerns the whole file
 * @param field the path of the field inside the file, e.g. {@code rules[0].levels.IV.threshold}
 */
public record RuleProblem(String file, int line, String field, String message)
    implements Serializable {

  /** {@code file:line: field: message}, the form editors and CI logs link from. */
  @Override
  public String toString() {
    return file + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + message;
  }
}
