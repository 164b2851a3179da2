package io.cscmon.core.alert;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An Alertmanager alert object (CONTRACT §2). {@code startsAt} and {@code endsAt} are event time in
 * epoch milliseconds; {@code endsAt} is {@link #UNSET} while firing.
 */
public record Alert(
    AlertStatus status,
    SortedMap<String, String> labels,
    SortedMap<String, String> annotations,
    long startsAt,
    long endsAt,
    String generatorURL,
    String fingerprint) {

  /** {@code endsAt} of a firing alert; encoded as Alertmanager's zero time. */
  public static final long UNSET = Long.MIN_VALUE;

  public Alert {
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
  }

  /** A firing alert; the fingerprint is derived from the labels. */
  public static Alert firing(
      Map<String, String> labels,
      Map<String, String> annotations,
      long startsAt,
      String generatorURL) {
    return new Alert(
        AlertStatus.FIRING,
        new TreeMap<>(labels),
        new TreeMap<>(annotations),
        startsAt,
        UNSET,
        generatorURL,
        Fingerprint.of(labels));
  }

  /** This alert, resolved at event time {@code endsAt}. */
  public Alert resolved(long endsAt, Map<String, String> newAnnotations) {
    return new Alert(
        AlertStatus.RESOLVED,
        labels,
        new TreeMap<>(newAnnotations),
        startsAt,
        endsAt,
        generatorURL,
        fingerprint);
  }

  public String label(String name) {
    return labels.get(name);
  }

  public String alertname() {
    return labels.get(Labels.ALERTNAME);
  }

  public boolean isFiring() {
    return status == AlertStatus.FIRING;
  }

  /**
   * The event time of this state change: {@code startsAt} when firing, {@code endsAt} when
   * resolved.
   */
  public long changedAt() {
    return isFiring() ? startsAt : endsAt;
  }
}
