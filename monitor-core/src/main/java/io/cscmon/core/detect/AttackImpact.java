package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The service half of the attack levels (issue 6): an attack is level III when it hurts service and
 * II when it causes an outage: an outage or degradation that began before the attack is not its
 * doing and does not raise it (callers redialling an IVR already down look like a TDoS, and paged
 * TelephonyDos II in an outside sweep; {@link RootCauseTagger} tags them as the outage's symptom).
 * The attack detectors see only their own traffic; this pass, keyed by center, sees every alert of
 * the center: while a degradation alert fires on a component that carries the attack's channel, the
 * attack is at least III; while an outage alert does, at least II. Levels never step down while the
 * attack lasts, and it resolves at the level it reached. Channels map to components through {@code
 * components.yaml} ({@code channels:}, or the component of the channel's name, e.g. {@code ivr}).
 */
public final class AttackImpact implements AlertPass<AttackImpactState> {

  private static final AlertJson JSON = new AlertJson();

  private final ComponentMap map;

  public AttackImpact(ComponentMap map) {
    this.map = map;
  }

  @Override
  public AttackImpactState newState() {
    return new AttackImpactState();
  }

  @Override
  public Class<AttackImpactState> stateClass() {
    return AttackImpactState.class;
  }

  @Override
  public boolean isEmpty(AttackImpactState s) {
    return s.isEmpty();
  }

  @Override
  public List<Alert> onAlert(AttackImpactState s, Alert alert) {
    String type = alert.label(Labels.INCIDENT_TYPE);
    if (IncidentType.ATTACK.label().equals(type)) {
      return attack(s, alert);
    }
    List<Alert> out = new ArrayList<>();
    out.add(alert);
    if (!harm(s, alert)) {
      return out;
    }
    for (int i = 0; i < s.attacks.length; i++) {
      Alert held = AlertJson.decode(s.attacks[i]);
      EmergencyLevel impact = impact(s, held.label(Labels.CHANNEL), held.startsAt());
      if (impact.moreSevereThan(level(held))) {
        Alert raised = DetectAlert.withLevel(held, impact);
        s.attacks[i] = JSON.encode(raised);
        out.add(raised);
      }
    }
    return out;
  }

  /**
   * The attack alert at the level its impact holds it to; nothing when that leaves it as it was
   * emitted last (the detector's own step to III after the impact already made it III is no state
   * change, and a second "firing III" would page again and double the replay's line).
   */
  private List<Alert> attack(AttackImpactState s, Alert alert) {
    int i = Arrays.asList(s.attackFingerprints).indexOf(alert.fingerprint());
    EmergencyLevel level = level(alert);
    Alert last = null;
    if (i >= 0) {
      last = AlertJson.decode(s.attacks[i]);
      EmergencyLevel held = level(last);
      level = held.moreSevereThan(level) ? held : level;
    }
    if (alert.isFiring()) {
      EmergencyLevel impact = impact(s, alert.label(Labels.CHANNEL), alert.startsAt());
      level = impact.moreSevereThan(level) ? impact : level;
    }
    Alert out = level == level(alert) ? alert : DetectAlert.withLevel(alert, level);
    if (!alert.isFiring()) {
      if (i >= 0) {
        s.attackFingerprints = remove(s.attackFingerprints, i);
        s.attacks = remove(s.attacks, i);
      }
    } else if (i >= 0) {
      if (last.labels().equals(out.labels())) {
        return List.of(); // the last emitted stays as it was, like the alert's state
      }
      s.attacks[i] = JSON.encode(out);
    } else {
      s.attackFingerprints = append(s.attackFingerprints, alert.fingerprint());
      s.attacks = append(s.attacks, JSON.encode(out));
    }
    return List.of(out);
  }

  /** Records an outage or degradation alert; true if the center's harms changed. */
  private boolean harm(AttackImpactState s, Alert alert) {
    String type = alert.label(Labels.INCIDENT_TYPE);
    boolean outage = IncidentType.OUTAGE.label().equals(type);
    if (!outage && !IncidentType.DEGRADATION.label().equals(type)) {
      return false;
    }
    Set<String> components = new LinkedHashSet<>();
    String component = alert.label(Labels.COMPONENT);
    if (component != null) {
      components.add(component);
    } else if (alert.label(Labels.CHANNEL) != null) {
      components.addAll(carriers(alert.label(Labels.CHANNEL)));
    }
    if (components.isEmpty()) {
      return false;
    }
    padSince(s);
    int i = Arrays.asList(s.harmFingerprints).indexOf(alert.fingerprint());
    if (i >= 0) {
      s.harmFingerprints = remove(s.harmFingerprints, i);
      s.harmComponents = remove(s.harmComponents, i);
      boolean[] kept = new boolean[s.harmIsOutage.length - 1];
      for (int j = 0, k = 0; j < s.harmIsOutage.length; j++) {
        if (j != i) {
          kept[k++] = s.harmIsOutage[j];
        }
      }
      s.harmIsOutage = kept;
      long[] since = new long[s.harmSince.length - 1];
      System.arraycopy(s.harmSince, 0, since, 0, i);
      System.arraycopy(s.harmSince, i + 1, since, i, since.length - i);
      s.harmSince = since;
    }
    if (alert.isFiring()) {
      s.harmFingerprints = append(s.harmFingerprints, alert.fingerprint());
      s.harmComponents = append(s.harmComponents, String.join(",", components));
      s.harmIsOutage = Arrays.copyOf(s.harmIsOutage, s.harmIsOutage.length + 1);
      s.harmIsOutage[s.harmIsOutage.length - 1] = outage;
      s.harmSince = Arrays.copyOf(s.harmSince, s.harmSince.length + 1);
      s.harmSince[s.harmSince.length - 1] = alert.startsAt();
    }
    return true;
  }

  /**
   * II while a carrier of the channel is out, III while one is degraded, else none; only harms that
   * began at or after {@code attackStart} count.
   */
  private EmergencyLevel impact(AttackImpactState s, String channel, long attackStart) {
    if (channel == null) {
      return EmergencyLevel.NONE;
    }
    List<String> carriers = carriers(channel);
    EmergencyLevel level = EmergencyLevel.NONE;
    padSince(s);
    for (int i = 0; i < s.harmFingerprints.length; i++) {
      if (s.harmSince[i] < attackStart) {
        continue; // it was there before the attack: not the attack's doing
      }
      for (String c : s.harmComponents[i].split(",")) {
        if (carriers.contains(c)) {
          EmergencyLevel l = s.harmIsOutage[i] ? EmergencyLevel.II : EmergencyLevel.III;
          level = l.moreSevereThan(level) ? l : level;
        }
      }
    }
    return level;
  }

  /**
   * Harms restored from state written before their start times were kept have none: they count
   * against every attack, as they did ({@code Long.MAX_VALUE}, in front: the oldest).
   */
  private static void padSince(AttackImpactState s) {
    int missing = s.harmFingerprints.length - s.harmSince.length;
    if (missing > 0) {
      long[] since = new long[s.harmFingerprints.length];
      Arrays.fill(since, 0, missing, Long.MAX_VALUE);
      System.arraycopy(s.harmSince, 0, since, missing, s.harmSince.length);
      s.harmSince = since;
    }
  }

  private List<String> carriers(String channel) {
    List<String> out = new ArrayList<>(map.componentsOfChannel(channel));
    if (map.components().containsKey(channel) && !out.contains(channel)) {
      out.add(channel);
    }
    return out;
  }

  private static EmergencyLevel level(Alert a) {
    String l = a.label(Labels.EMERGENCY_LEVEL);
    return l == null ? EmergencyLevel.NONE : EmergencyLevel.fromLabel(l);
  }

  private static String[] append(String[] a, String v) {
    String[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = v;
    return b;
  }

  private static String[] remove(String[] a, int i) {
    List<String> l = new ArrayList<>(Arrays.asList(a));
    l.remove(i);
    return l.toArray(new String[0]);
  }
}
