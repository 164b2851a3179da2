package io.cscmon.core.detect;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 6's memory target, checked analytically (no timing, no heap sampling): every attack
 * detector's state is a fixed set of sketches whose byte size does not depend on how many sources
 * it has seen, so ten million distinct sources an hour cost what one does.
 */
class AttackMemoryTest {

  private static final long TEN_MILLION = 10_000_000L;
  private static final long GIB = 1L << 30;

  @Test
  void stateSizeIsFixedAndFarBelowOneHundredBytesPerSourceForTenMillionSources() {
    CredentialStuffingDetector cs = new CredentialStuffingDetector();
    CredentialStuffingState css = cs.newState("sh", "web");
    DdosDetector dd = new DdosDetector(0);
    DdosState dds = dd.newState("sh", "web");
    long csBefore = css.byteSize();
    long ddBefore = dds.byteSize();

    // A million distinct sources within one window (an hour of 10M spreads over 12 windows).
    for (int i = 0; i < 1_000_000; i++) {
      String ip = "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255);
      long t = BEGINNING + i / 10;
      cs.onEvent(css, Ev.auth(t, "web", ip, "acct" + i, i % 25 != 0));
      dd.onEvent(dds, Ev.access(t, "web", ip, 1, 50));
    }
    assertThat(css.byteSize()).isEqualTo(csBefore);
    assertThat(dds.byteSize()).isEqualTo(ddBefore);
    assertThat(css.tops.sources.estimate()).isBetween(970_000L, 1_030_000L);

    long ivr = new IvrBruteForceDetector().newState("sh").byteSize();
    long tdos = new TdosDetector(0).newState("sh", "voice").byteSize();
    long perChannel = csBefore + ddBefore + ivr + tdos;
    // Figures for the docs: about 4.2 MiB + 2.1 MiB + 5.2 MiB + 2.1 MiB per center and channel.
    System.out.printf(
        "attack state bytes: credential_stuffing %d, ddos %d, ivr_bruteforce %d, tdos %d%n",
        csBefore, ddBefore, ivr, tdos);
    assertThat(perChannel).isLessThan(16L << 20);
    assertThat((double) perChannel / TEN_MILLION).isLessThan(100);
    assertThat(perChannel).isLessThan(GIB);
  }
}
