package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.Labels;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Ties symptoms to the outage that causes them (issue 5, "Dependencies"). Every alert of one center
 * passes through {@link #onAlert} (key the operator by center; alerts are few). {@code
 * ComponentOutage} alerts open and close outages in the {@link RootCauseState}; any alert whose
 * {@code component} (or whose {@code channel}, through the components that carry it) depends on a
 * component in outage gets the label {@code root_cause=<that component>} and an annotation saying
 * so. The label is not part of the fingerprint, so the alert keeps its identity, and an
 * Alertmanager inhibit rule ({@code source_matchers: alertname=ComponentOutage}, {@code
 * target_matchers: root_cause=~".+"}, {@code equal: [center]}) silences the symptoms while the
 * cause pages.
 *
 * <p>An attack is a symptom only of an outage that began before it: a flood takes the IVR or the
 * web down, and that outage must not silence its cause, while callers redialling an IVR that is
 * already down look like a TDoS of repeating callers (an outside sweep's IVR outage paged
 * TelephonyDos at level II).
 */
public final class RootCauseTagger implements Serializable {

  private static final AlertJson JSON = new AlertJson();

  private final ComponentMap map;

  public RootCauseTagger(ComponentMap map) {
    this.map = map;
  }

  /**
   * Passes one alert: returns it (tagged if it is a symptom of an outage), followed by any firing
   * symptoms that arrived before their cause and are tagged now that it is known (same fingerprint,
   * so the alert manager updates them).
   */
  public List<Alert> onAlert(RootCauseState s, Alert alert) {
    List<Alert> out = new ArrayList<>();
    Alert tagged = tag(s, alert);
    if (!alert.isFiring() && tagged.label(DetectAlert.ROOT_CAUSE) == null) {
      // The cause may have recovered first: the symptom resolves with the cause it fired with, so
      // that its resolve is inhibited like its firing was.
      String firedWith = s.symptomCause(alert.fingerprint());
      if (firedWith != null) {
        tagged = withCause(alert, firedWith);
      }
    }
    out.add(tagged);
    boolean scoped = alert.label(Labels.COMPONENT) != null || alert.label(Labels.CHANNEL) != null;
    if (scoped) {
      if (alert.isFiring()) {
        s.putSymptom(alert.fingerprint(), JSON.encode(tagged));
      } else {
        s.removeSymptom(alert.fingerprint());
      }
    }
    if (ComponentHealthDetector.OUTAGE_ALERT.equals(alert.alertname()) && alert.isFiring()) {
      for (int i = 0; i < s.symptoms.length; i++) {
        Alert earlier = AlertJson.decode(s.symptoms[i]);
        if (earlier.label(DetectAlert.ROOT_CAUSE) == null
            && !earlier.fingerprint().equals(alert.fingerprint())) {
          Alert now = tag(s, earlier);
          if (now.label(DetectAlert.ROOT_CAUSE) != null) {
            s.symptoms[i] = JSON.encode(now);
            out.add(now);
          }
        }
      }
    }
    return out;
  }

  /** Records what {@code alert} says about outages and returns it, tagged if it is a symptom. */
  public Alert tag(RootCauseState s, Alert alert) {
    String component = alert.label(Labels.COMPONENT);
    boolean outage = ComponentHealthDetector.OUTAGE_ALERT.equals(alert.alertname());
    if (outage && component != null) {
      if (alert.isFiring()) {
        s.add(component, alert.startsAt());
      } else {
        s.remove(component);
      }
    }
    String cause = cause(s, alert);
    return cause == null ? alert : withCause(alert, cause);
  }

  private static Alert withCause(Alert alert, String cause) {
    TreeMap<String, String> labels = new TreeMap<>(alert.labels());
    labels.put(DetectAlert.ROOT_CAUSE, cause);
    TreeMap<String, String> annotations = new TreeMap<>(alert.annotations());
    annotations.put(
        DetectAlert.ROOT_CAUSE,
        "Likely caused by the outage of "
            + cause
            + " at center "
            + alert.label(Labels.CENTER)
            + ", which this depends on; see its ComponentOutage alert.");
    return new Alert(
        alert.status(),
        labels,
        annotations,
        alert.startsAt(),
        alert.endsAt(),
        alert.generatorURL(),
        alert.fingerprint());
  }

  /** The nearest component in outage that the alert's scope depends on, or null. */
  public String cause(RootCauseState s, Alert alert) {
    boolean attack = IncidentType.ATTACK.label().equals(alert.label(Labels.INCIDENT_TYPE));
    String component = alert.label(Labels.COMPONENT);
    if (component != null) {
      for (String a : map.ancestors(component)) {
        if (explains(s, a, alert, attack)) {
          return a;
        }
      }
      return null;
    }
    String channel = alert.label(Labels.CHANNEL);
    if (channel != null) {
      List<String> carriers = map.componentsOfChannel(channel);
      for (String c : carriers) {
        if (explains(s, c, alert, attack)) {
          return c;
        }
      }
      for (String c : carriers) {
        for (String a : map.ancestors(c)) {
          if (explains(s, a, alert, attack)) {
            return a;
          }
        }
      }
    }
    return null;
  }

  /** Whether an outage of {@code component} explains the alert (an attack's only if earlier). */
  private static boolean explains(RootCauseState s, String component, Alert alert, boolean attack) {
    return attack ? s.downBefore(component, alert.startsAt()) : s.isDown(component);
  }
}
