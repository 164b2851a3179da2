package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The scope half of the outage levels (issue 5): an outage of the same component at two or more
 * centers at once is level II after 30 min and level I after 3 h ({@link OutageLevels}). Key the
 * operator by component and pass every {@code ComponentOutage} alert of every center through {@link
 * #onAlert}; emit what it returns instead (the same alerts, raised to the multi-center level where
 * that is higher, so a center's alert never steps down), and call {@link #onTimer} at {@link
 * #nextTimer} for the escalations that come with time alone.
 */
public final class MultiCenterOutageTracker implements Serializable {

  private final OutageLevels levels;
  private final ComponentMap map;

  public MultiCenterOutageTracker(OutageLevels levels, ComponentMap map) {
    this.levels = levels;
    this.map = map;
  }

  public List<Alert> onAlert(MultiCenterOutageState s, Alert alert) {
    if (!ComponentHealthDetector.OUTAGE_ALERT.equals(alert.alertname())) {
      return List.of(alert);
    }
    String center = alert.label(Labels.CENTER);
    int i = Arrays.asList(s.centers).indexOf(center);
    if (!alert.isFiring()) {
      Alert out = alert;
      if (i >= 0) {
        // Resolve with the level the alert last carried.
        Alert last = AlertJson.decode(s.alerts[i]);
        out =
            DetectAlert.withLevel(
                alert, EmergencyLevel.fromLabel(last.label(Labels.EMERGENCY_LEVEL)));
        remove(s, i);
      }
      return List.of(out);
    }
    if (i < 0) {
      s.centers = Arrays.copyOf(s.centers, s.centers.length + 1);
      s.alerts = Arrays.copyOf(s.alerts, s.alerts.length + 1);
      i = s.centers.length - 1;
      s.centers[i] = center;
    } else {
      EmergencyLevel held =
          EmergencyLevel.fromLabel(AlertJson.decode(s.alerts[i]).label(Labels.EMERGENCY_LEVEL));
      EmergencyLevel incoming = EmergencyLevel.fromLabel(alert.label(Labels.EMERGENCY_LEVEL));
      if (held.moreSevereThan(incoming)) {
        alert = DetectAlert.withLevel(alert, held);
      }
    }
    s.alerts[i] = new AlertJson().encode(alert);
    List<Alert> out = new ArrayList<>();
    out.add(alert);
    out.addAll(escalate(s, alert.startsAt()));
    return out;
  }

  public List<Alert> onTimer(MultiCenterOutageState s, long now) {
    return escalate(s, now);
  }

  /** When the multi-center level next rises, or {@link Long#MAX_VALUE}. */
  public long nextTimer(MultiCenterOutageState s, long now) {
    if (s.centers.length < 2) {
      return Long.MAX_VALUE;
    }
    String component = AlertJson.decode(s.alerts[0]).label(Labels.COMPONENT);
    long since = overlapSince(s);
    long next = levels.nextEscalation(since, now, 2, map.customerFacing(component));
    // The first multi-center step (IV at 5 min) is the centers' own business: skip to the next.
    return next == since + levels.ivAfter().toMillis()
        ? levels.nextEscalation(since, next, 2, map.customerFacing(component))
        : next;
  }

  /** Since when two or more centers have been down together: the second-earliest start. */
  private static long overlapSince(MultiCenterOutageState s) {
    long[] starts = new long[s.alerts.length];
    for (int i = 0; i < s.alerts.length; i++) {
      starts[i] = AlertJson.decode(s.alerts[i]).startsAt();
    }
    Arrays.sort(starts);
    return starts[1];
  }

  private List<Alert> escalate(MultiCenterOutageState s, long now) {
    List<Alert> out = new ArrayList<>();
    if (s.centers.length < 2) {
      return out;
    }
    long since = overlapSince(s);
    for (int i = 0; i < s.alerts.length; i++) {
      Alert a = AlertJson.decode(s.alerts[i]);
      EmergencyLevel multi =
          levels.level(
              now - since, s.centers.length, map.customerFacing(a.label(Labels.COMPONENT)));
      EmergencyLevel held = EmergencyLevel.fromLabel(a.label(Labels.EMERGENCY_LEVEL));
      // Below II the scope changes nothing: each center's own detector has the same levels.
      if (multi.compareTo(EmergencyLevel.II) >= 0 && multi.moreSevereThan(held)) {
        Alert raised = DetectAlert.withLevel(a, multi);
        TreeMap<String, String> ann = new TreeMap<>(raised.annotations());
        ann.put(
            Labels.DESCRIPTION,
            a.annotations().getOrDefault(Labels.DESCRIPTION, "")
                + " Also down at the same time at: "
                + String.join(", ", s.centers)
                + " (multi-center outage).");
        raised =
            new Alert(
                raised.status(),
                raised.labels(),
                ann,
                raised.startsAt(),
                raised.endsAt(),
                raised.generatorURL(),
                raised.fingerprint());
        s.alerts[i] = new AlertJson().encode(raised);
        out.add(raised);
      }
    }
    return out;
  }

  private static void remove(MultiCenterOutageState s, int i) {
    List<String> c = new ArrayList<>(Arrays.asList(s.centers));
    List<String> a = new ArrayList<>(Arrays.asList(s.alerts));
    c.remove(i);
    a.remove(i);
    s.centers = c.toArray(new String[0]);
    s.alerts = a.toArray(new String[0]);
  }
}
