package io.cscmon.core.detect;

/**
 * What {@link AttackImpact} knows of one center: the firing outage and degradation alerts (by
 * fingerprint, with the components they take out or slow down) and the firing attack alerts as last
 * emitted. POJO.
 */
public final class AttackImpactState {
  public String[] harmFingerprints = new String[0];

  /** Per harm: comma-separated components, and whether it is an outage (else a degradation). */
  public String[] harmComponents = new String[0];

  public boolean[] harmIsOutage = new boolean[0];

  /**
   * Per harm: when it began. State written before this field has none for its harms, which then
   * count against every attack, as they did.
   */
  public long[] harmSince = new long[0];

  public String[] attackFingerprints = new String[0];
  public String[] attacks = new String[0];

  public boolean isEmpty() {
    return harmFingerprints.length == 0 && attackFingerprints.length == 0;
  }
}
