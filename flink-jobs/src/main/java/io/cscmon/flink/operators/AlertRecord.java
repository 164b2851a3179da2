package io.cscmon.flink.operators;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import java.util.Comparator;

/**
 * An alert state change as it travels between operators and to the sinks: the alert object already
 * encoded (the same JSON the alerts file and Kafka topic carry), plus the fields that order the
 * changes deterministically. Flat fields keep it on Flink's POJO serializer.
 *
 * @param at event time at which the change was decided (the end of the window that caused it)
 * @param levelRank the emergency level's severity rank, for the order of escalations
 */
public record AlertRecord(long at, String fingerprint, String status, int levelRank, String json) {

  private static final Comparator<AlertRecord> ORDER =
      Comparator.comparingLong(AlertRecord::at)
          .thenComparing(AlertRecord::fingerprint)
          .thenComparing(AlertRecord::status)
          .thenComparingInt(AlertRecord::levelRank)
          .thenComparing(AlertRecord::json);

  /**
   * The order of alert files: event time, then fingerprint, then firing before resolved, then
   * rising level. A static method so that a reference to it can be shipped to a sink serialized.
   */
  public static int inFileOrder(AlertRecord a, AlertRecord b) {
    return ORDER.compare(a, b);
  }

  public static AlertRecord of(long at, Alert alert, AlertJson json) {
    String level = alert.label(Labels.EMERGENCY_LEVEL);
    int rank = level == null ? 0 : EmergencyLevel.fromLabel(level).ordinal();
    return new AlertRecord(
        at, alert.fingerprint(), alert.status().wireName(), rank, json.encode(alert));
  }

  public Alert alert() {
    return AlertJson.decode(json);
  }
}
