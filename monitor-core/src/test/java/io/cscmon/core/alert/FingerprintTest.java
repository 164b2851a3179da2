package io.cscmon.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  private static final Map<String, String> LEVEL_IV =
      Map.of(
          "alertname", "ServiceLevelBreach",
          "center", "sh",
          "queue", "retail",
          "emergency_level", "IV",
          "severity", "warning",
          "risk_category", "operational",
          "incident_type", "service_level");

  @Test
  void isSixteenHexDigitsAndStable() {
    assertThat(Fingerprint.of(LEVEL_IV))
        .matches("[0-9a-f]{16}")
        .isEqualTo(Fingerprint.of(LEVEL_IV));
    // Pinned: a change of the algorithm would change every fingerprint receivers have stored.
    assertThat(Fingerprint.of(LEVEL_IV)).isEqualTo("9557c4c165ed6bc0");
  }

  @Test
  void ignoresLevelSeverityAndClassification() {
    Map<String, String> escalated = new java.util.HashMap<>(LEVEL_IV);
    escalated.put("emergency_level", "II");
    escalated.put("severity", "critical");
    assertThat(Fingerprint.of(escalated)).isEqualTo(Fingerprint.of(LEVEL_IV));
  }

  @Test
  void differsByAlertnameAndEveryScopeLabel() {
    String base = Fingerprint.of(LEVEL_IV);
    for (String label : Labels.IDENTITY) {
      Map<String, String> changed = new java.util.HashMap<>(LEVEL_IV);
      changed.put(label, "other");
      assertThat(Fingerprint.of(changed)).as(label).isNotEqualTo(base);
    }
  }

  @Test
  void doesNotConfuseNameAndValueBoundaries() {
    assertThat(Fingerprint.of(Map.of("alertname", "A", "queue", "bc")))
        .isNotEqualTo(Fingerprint.of(Map.of("alertname", "Ab", "queue", "c")));
  }
}
