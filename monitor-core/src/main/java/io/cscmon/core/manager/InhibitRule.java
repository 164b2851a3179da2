package io.cscmon.core.manager;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An Alertmanager inhibit rule: a firing alert matching {@code sourceMatchers} mutes every alert
 * matching {@code targetMatchers} that has the same values of the {@code equal} labels (a label
 * missing on both sides counts as equal, as in Alertmanager). An alert never inhibits itself.
 */
public record InhibitRule(
    List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {

  public InhibitRule {
    sourceMatchers = List.copyOf(sourceMatchers);
    targetMatchers = List.copyOf(targetMatchers);
    equal = List.copyOf(equal);
  }

  /**
   * The label (or annotation) a symptom carries to name the component that causes it (issue 5's
   * dependency map: {@code root_cause="core_banking"} on an IVR self-service alert).
   */
  public static final String ROOT_CAUSE = "root_cause";

  /** Whether one of {@code firing} inhibits {@code target} under this rule. */
  public boolean inhibits(Alert target, Collection<Alert> firing) {
    if (!Matcher.all(targetMatchers, target.labels())) {
      return false;
    }
    for (Alert source : firing) {
      if (source.fingerprint().equals(target.fingerprint())
          || !Matcher.all(sourceMatchers, source.labels())) {
        continue;
      }
      if (equalLabels(source, target)) {
        return true;
      }
    }
    return false;
  }

  private boolean equalLabels(Alert source, Alert target) {
    for (String name : equal) {
      if (!Objects.equals(
          source.labels().getOrDefault(name, ""), target.labels().getOrDefault(name, ""))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The root-cause tie: {@code target} names a component in its {@code root_cause} label or
   * annotation, and an alert about that component (label {@code component}) fires in the same
   * center. The on-call sees the cause, not every symptom of it.
   */
  public static boolean rootCauseFires(Alert target, Collection<Alert> firing) {
    String cause = target.label(ROOT_CAUSE);
    if (cause == null || cause.isEmpty()) {
      cause = target.annotations().get(ROOT_CAUSE);
    }
    if (cause == null || cause.isEmpty()) {
      return false;
    }
    String center = target.labels().getOrDefault(Labels.CENTER, "");
    for (Alert source : firing) {
      if (!source.fingerprint().equals(target.fingerprint())
          && cause.equals(source.label(Labels.COMPONENT))
          && center.equals(source.labels().getOrDefault(Labels.CENTER, ""))) {
        return true;
      }
    }
    return false;
  }
}
