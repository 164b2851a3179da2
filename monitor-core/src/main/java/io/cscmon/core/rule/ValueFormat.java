package io.cscmon.core.rule;

import java.util.Locale;

/** How a rule's value reads in an alert's summary. */
public enum ValueFormat {
  /** A ratio 0..1 shown as a percentage: 0.625 → 62.5%. */
  PERCENT,
  /** A plain number. */
  NUMBER;

  public String human(double value) {
    return this == PERCENT
        ? String.format(Locale.ROOT, "%.1f%%", value * 100)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  /** The machine-readable form of the {@code value} and {@code threshold} annotations. */
  public static String machine(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
