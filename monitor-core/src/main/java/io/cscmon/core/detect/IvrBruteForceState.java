package io.cscmon.core.detect;

/** What {@link IvrBruteForceDetector} keeps for one center's IVR. POJO. */
public final class IvrBruteForceState {
  public static final long NONE = Long.MIN_VALUE;

  public long windowStart = NONE;

  /** (ANI, account) failure pairs seen this window, salted per direction. */
  public BloomFilter pairs;

  public CountMinSketch attemptsByAni;
  public CountMinSketch failuresByAni;
  public CountMinSketch accountsByAni;
  public CountMinSketch anisByAccount;

  /** ANIs by distinct failed accounts; accounts by distinct failing ANIs; ANIs by failures. */
  public SpaceSaving topAni;

  public SpaceSaving topAccount;
  public SpaceSaving topFailingAni;

  /** Per ANI: one ANI trying many accounts. Per account: many ANIs guessing one account. */
  public AttackIncident byAni = new AttackIncident();

  public AttackIncident byAccount = new AttackIncident();

  public long byteSize() {
    return pairs.byteSize()
        + attemptsByAni.byteSize()
        + failuresByAni.byteSize()
        + accountsByAni.byteSize()
        + anisByAccount.byteSize()
        + topAni.byteSize()
        + topAccount.byteSize()
        + topFailingAni.byteSize()
        + 512;
  }
}
