package io.cscmon.core.detect;

/**
 * What names and describes one window of {@link CredentialStuffingDetector}: the sources, /24s and
 * /16s with the most distinct failed accounts, and the distinct sources. POJO.
 */
public final class CredentialStuffingTops {
  public SpaceSaving ip;
  public SpaceSaving prefix24;
  public SpaceSaving prefix16;
  public HyperLogLog sources;

  public CredentialStuffingTops() {}

  static CredentialStuffingTops create() {
    CredentialStuffingTops t = new CredentialStuffingTops();
    t.ip = new SpaceSaving(32);
    t.prefix24 = new SpaceSaving(32);
    t.prefix16 = new SpaceSaving(32);
    t.sources = new HyperLogLog(12);
    return t;
  }

  void clear() {
    ip.clear();
    prefix24.clear();
    prefix16.clear();
    sources.clear();
  }

  long byteSize() {
    return ip.byteSize() + prefix24.byteSize() + prefix16.byteSize() + sources.byteSize() + 16;
  }
}
