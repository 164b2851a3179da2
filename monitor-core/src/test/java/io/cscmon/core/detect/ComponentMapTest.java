package io.cscmon.core.detect;

import static io.cscmon.core.detect.Ev.health;
import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.Labels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentMapTest {

  private static ComponentMap shipped() throws Exception {
    return ComponentMap.load(Path.of("../alert-rules/components.yaml"));
  }

  @Test
  void theShippedMapHasTheIssuesDependencies() throws Exception {
    ComponentMap map = shipped();
    assertThat(map.component("core_banking").children()).contains("ivr", "app_api");
    assertThat(map.component("voice_gateway").children()).contains("acd", "ivr");
    assertThat(map.component("database").children()).contains("crm");
    assertThat(map.ancestors("cti")).containsExactly("acd", "voice_gateway", "network");
    assertThat(map.componentsOfChannel("voice")).contains("voice_gateway", "ivr", "acd");
    assertThat(map.customerFacing("something_new")).isTrue();
    assertThat(map.component("something_new").latencyP99SloMs()).isEqualTo(2000);
  }

  @Test
  void badLinesAreRejectedWithTheirLineNumber() {
    assertThatThrownBy(() -> ComponentMap.parse("components:\n  a:\n    colour: red\n", "f"))
        .hasMessageContaining("f:3")
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> ComponentMap.parse("rules:\n", "f")).hasMessageContaining("f:1");
    assertThatThrownBy(() -> ComponentMap.parse("components:\n  a:\n    children: b\n", "f"))
        .hasMessageContaining("list");
  }

  @Test
  void aParentsOutageTagsItsChildrensSymptomsAndUntagsAfterRecovery() throws Exception {
    ComponentMap map = shipped();
    RootCauseTagger tagger = new RootCauseTagger(map);
    RootCauseState state = new RootCauseState();
    ComponentHealthDetector health = new ComponentHealthDetector(map);
    ComponentHealthState cb = new ComponentHealthState();
    Alert outage = taken(health, cb, health(BEGINNING, "core_banking", "0", false)).get(0);

    assertThat(tagger.tag(state, outage).label(DetectAlert.ROOT_CAUSE)).isNull();
    Alert ivrSymptom = symptom(Labels.COMPONENT, "ivr");
    Alert tagged = tagger.tag(state, ivrSymptom);
    assertThat(tagged.label(DetectAlert.ROOT_CAUSE)).isEqualTo("core_banking");
    assertThat(tagged.fingerprint()).isEqualTo(ivrSymptom.fingerprint());
    assertThat(tagged.annotations()).containsKey(DetectAlert.ROOT_CAUSE);
    assertThat(tagger.tag(state, symptom(Labels.CHANNEL, "app")).label(DetectAlert.ROOT_CAUSE))
        .isEqualTo("core_banking");
    assertThat(tagger.tag(state, symptom(Labels.COMPONENT, "acd")).label(DetectAlert.ROOT_CAUSE))
        .isNull();

    // Up again: resolved once it has stayed up for the clear hold (3 min).
    List<Alert> afterwards = new java.util.ArrayList<>();
    for (long t = BEGINNING + 60_000; t <= BEGINNING + 240_000; t += 10_000) {
      afterwards.addAll(taken(health, cb, health(t, "core_banking", "0", true)));
    }
    assertThat(afterwards).hasSize(1);
    Alert recovered = afterwards.get(0);
    assertThat(recovered.isFiring()).isFalse();
    tagger.tag(state, recovered);
    assertThat(state.isEmpty()).isTrue();
    assertThat(tagger.tag(state, ivrSymptom).label(DetectAlert.ROOT_CAUSE)).isNull();
  }

  @Test
  void aSymptomThatFiredBeforeItsCauseIsTaggedWhenTheCauseArrives() throws Exception {
    ComponentMap map = shipped();
    RootCauseTagger tagger = new RootCauseTagger(map);
    RootCauseState state = new RootCauseState();
    Alert ivrSymptom = symptom(Labels.COMPONENT, "ivr");
    assertThat(tagger.onAlert(state, ivrSymptom)).containsExactly(ivrSymptom);

    Alert outage =
        taken(
                new ComponentHealthDetector(map),
                new ComponentHealthState(),
                health(BEGINNING + 40_000, "voice_gateway", "0", false))
            .get(0);
    List<Alert> out = tagger.onAlert(state, outage);
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).isEqualTo(outage);
    assertThat(out.get(1).fingerprint()).isEqualTo(ivrSymptom.fingerprint());
    assertThat(out.get(1).label(DetectAlert.ROOT_CAUSE)).isEqualTo("voice_gateway");

    tagger.onAlert(state, ivrSymptom.resolved(BEGINNING + 90_000, ivrSymptom.annotations()));
    tagger.onAlert(state, outage.resolved(BEGINNING + 100_000, outage.annotations()));
    assertThat(state.isEmpty()).isTrue();
  }

  /** A sample, and the watermark at its time (the detector judges samples once complete). */
  private static List<Alert> taken(
      ComponentHealthDetector d, ComponentHealthState s, io.cscmon.core.event.HealthEvent e) {
    List<Alert> out = new java.util.ArrayList<>(d.onEvent(s, e));
    out.addAll(d.onTimer(s, e.ts()));
    return out;
  }

  private static Alert symptom(String label, String value) {
    return DetectAlert.of("ErrorBudgetBurn", IncidentType.DEGRADATION, Ev.CENTER)
        .label(label, value)
        .firing(BEGINNING + 30_000);
  }
}
