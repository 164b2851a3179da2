package io.cscmon.core.alert;

/** The operations plan's risk categories (PLAN §一(三), §四). */
public enum RiskCategory {
  TECHNICAL,
  OPERATIONAL,
  MARKET,
  CREDIT;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
