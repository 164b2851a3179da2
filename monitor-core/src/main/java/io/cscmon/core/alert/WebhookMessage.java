package io.cscmon.core.alert;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Alertmanager webhook body, version 4 (CONTRACT §2), so that any receiver written for
 * Alertmanager works unchanged.
 */
public record WebhookMessage(
    String receiver,
    AlertStatus status,
    List<Alert> alerts,
    SortedMap<String, String> groupLabels,
    SortedMap<String, String> commonLabels,
    SortedMap<String, String> commonAnnotations,
    String externalURL,
    String groupKey,
    int truncatedAlerts) {

  public static final String VERSION = "4";

  /**
   * Builds the message for one notification of a group: the status is firing while any alert of the
   * group fires; common labels and annotations are those every alert shares.
   */
  public static WebhookMessage of(
      String receiver,
      Map<String, String> groupLabels,
      String groupKey,
      List<Alert> alerts,
      String externalURL,
      int truncatedAlerts) {
    boolean anyFiring = alerts.stream().anyMatch(Alert::isFiring);
    return new WebhookMessage(
        receiver,
        anyFiring ? AlertStatus.FIRING : AlertStatus.RESOLVED,
        List.copyOf(alerts),
        new TreeMap<>(groupLabels),
        common(alerts.stream().map(Alert::labels).toList()),
        common(alerts.stream().map(Alert::annotations).toList()),
        externalURL,
        groupKey,
        truncatedAlerts);
  }

  private static SortedMap<String, String> common(List<SortedMap<String, String>> maps) {
    SortedMap<String, String> common = new TreeMap<>();
    if (maps.isEmpty()) {
      return common;
    }
    common.putAll(maps.get(0));
    for (Map<String, String> m : maps.subList(1, maps.size())) {
      common.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
    }
    return common;
  }
}
