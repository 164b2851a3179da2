package io.cscmon.core.kpi;

import io.cscmon.core.alert.RiskCategory;
import java.util.Set;

/**
 * Which risk a surge of calls about a topic points at (PLAN 四、风险管理): calls about wealth products,
 * foreign exchange and funds flood the phones when a market moves (market risk); calls about cards,
 * loans and collections when borrowers are in trouble (credit risk).
 */
public final class TopicRisk {
  private TopicRisk() {}

  public static final Set<String> MARKET =
      Set.of("wealth", "fx", "fund", "funds", "gold", "stocks");
  public static final Set<String> CREDIT =
      Set.of("credit_card", "loan", "loans", "collections", "mortgage", "overdue");

  /** The risk category of a topic surge, or {@code null} when the topic is neither. */
  public static RiskCategory of(String topic) {
    if (MARKET.contains(topic)) {
      return RiskCategory.MARKET;
    }
    if (CREDIT.contains(topic)) {
      return RiskCategory.CREDIT;
    }
    return null;
  }
}
