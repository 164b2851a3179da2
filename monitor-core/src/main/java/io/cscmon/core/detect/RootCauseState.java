package io.cscmon.core.detect;

/** The components currently in outage at one center, for {@link RootCauseTagger}. POJO. */
public final class RootCauseState {
  public String[] down = new String[0];
  public long[] downSince = new long[0];

  /** Firing symptom alerts (alert JSON), so that a cause found later can still be tied to them. */
  public String[] symptoms = new String[0];

  public String[] symptomFingerprints = new String[0];

  boolean isDown(String component) {
    for (String d : down) {
      if (d.equals(component)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the component went down before {@code t} and is still down. */
  boolean downBefore(String component, long t) {
    for (int i = 0; i < down.length; i++) {
      if (down[i].equals(component)) {
        return downSince[i] < t;
      }
    }
    return false;
  }

  void add(String component, long since) {
    if (isDown(component)) {
      return;
    }
    down = java.util.Arrays.copyOf(down, down.length + 1);
    downSince = java.util.Arrays.copyOf(downSince, downSince.length + 1);
    down[down.length - 1] = component;
    downSince[downSince.length - 1] = since;
  }

  void remove(String component) {
    int n = 0;
    for (int i = 0; i < down.length; i++) {
      if (!down[i].equals(component)) {
        down[n] = down[i];
        downSince[n++] = downSince[i];
      }
    }
    down = java.util.Arrays.copyOf(down, n);
    downSince = java.util.Arrays.copyOf(downSince, n);
  }

  void putSymptom(String fingerprint, String json) {
    for (int i = 0; i < symptomFingerprints.length; i++) {
      if (symptomFingerprints[i].equals(fingerprint)) {
        symptoms[i] = json;
        return;
      }
    }
    symptomFingerprints =
        java.util.Arrays.copyOf(symptomFingerprints, symptomFingerprints.length + 1);
    symptoms = java.util.Arrays.copyOf(symptoms, symptoms.length + 1);
    symptomFingerprints[symptoms.length - 1] = fingerprint;
    symptoms[symptoms.length - 1] = json;
  }

  /** The root cause the firing symptom was last tagged with, or null. */
  String symptomCause(String fingerprint) {
    for (int i = 0; i < symptomFingerprints.length; i++) {
      if (symptomFingerprints[i].equals(fingerprint)) {
        return io.cscmon.core.alert.AlertJson.decode(symptoms[i]).label(DetectAlert.ROOT_CAUSE);
      }
    }
    return null;
  }

  void removeSymptom(String fingerprint) {
    int n = 0;
    for (int i = 0; i < symptoms.length; i++) {
      if (!symptomFingerprints[i].equals(fingerprint)) {
        symptomFingerprints[n] = symptomFingerprints[i];
        symptoms[n++] = symptoms[i];
      }
    }
    symptomFingerprints = java.util.Arrays.copyOf(symptomFingerprints, n);
    symptoms = java.util.Arrays.copyOf(symptoms, n);
  }

  /** No outage is open and no symptom fires: the state can be cleared. */
  public boolean isEmpty() {
    return down.length == 0 && symptoms.length == 0;
  }
}
