package io.cscmon.core.manager;

import io.cscmon.core.alert.EmergencyLevel;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Who is told next when nobody acknowledges: for a firing alert at one of {@code levels}, each step
 * notifies its receiver once the alert has fired unacknowledged for {@code after} (wall-clock time
 * since the alert manager first saw it fire). PLAN §一 calls this the emergency-activation process:
 * levels I and II reach the center's management if the duty engineer does not take them.
 */
public record EscalationPolicy(Set<EmergencyLevel> levels, List<Step> steps) {

  public record Step(Duration after, String receiver) {
    public Step {
      if (after.isNegative()) {
        throw new IllegalArgumentException("escalation after must not be negative");
      }
    }
  }

  public EscalationPolicy {
    levels = Set.copyOf(levels);
    steps = steps.stream().sorted(java.util.Comparator.comparing(Step::after)).toList();
  }
}
