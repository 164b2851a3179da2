package io.cscmon.core.detect;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IvrBruteForceDetectorTest {

  private final IvrBruteForceDetector detector = new IvrBruteForceDetector();
  private final IvrBruteForceState state = detector.newState("sh");
  private final List<Alert> alerts = new ArrayList<>();

  private void auth(long t, String ani, String account, boolean ok) {
    alerts.addAll(detector.onTimer(state, t));
    alerts.addAll(detector.onEvent(state, Ev.auth(t, "ivr", ani, account, ok)));
  }

  @Test
  void customersMistypingAndCallingBackRaiseNothing() {
    Random r = new Random(5);
    for (int i = 0; i < 200_000; i++) {
      long t = BEGINNING + i * 3000L; // a week
      String ani = "139" + (10_000_000 + r.nextInt(5_000_000));
      String acct = "card" + r.nextInt(1_000_000);
      boolean ok = r.nextDouble() > 0.04;
      auth(t, ani, acct, ok);
      if (!ok) { // calls back twice, once from another phone, and gets it right
        auth(t + 60_000, ani, acct, false);
        auth(t + 120_000, "021" + r.nextInt(9_000_000), acct, true);
      }
    }
    assertThat(alerts).isEmpty();
  }

  @Test
  void oneCallerTryingManyCardsIsCaught() {
    for (int i = 0; i < 8; i++) {
      auth(BEGINNING + i * 20_000L, "13800000001", "card" + i, false);
    }
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.label(Labels.ATTACK_TYPE)).isEqualTo("ivr_bruteforce");
    assertThat(a.label(Labels.SOURCE)).isEqualTo("13800000001");
    assertThat(a.label(Labels.CHANNEL)).isEqualTo("ivr");
    assertThat(a.startsAt()).isEqualTo(BEGINNING + 4 * 20_000L);
    auth(BEGINNING + 30 * ONE_MINUTE, "13900000000", "card", true);
    assertThat(alerts.get(alerts.size() - 1).isFiring()).isFalse();
    Ev.assertContractShape(alerts);
  }

  @Test
  void manyCallersGuessingOneCardIsCaught() {
    for (int i = 0; i < 6; i++) {
      auth(BEGINNING + i * 30_000L, "1370000000" + i, "card-victim", false);
    }
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).label(Labels.SOURCE)).isEqualTo("distributed");
    assertThat(alerts.get(0).annotations().get(Labels.DESCRIPTION)).contains("card-victim");
  }
}
