package io.cscmon.core.detect;

/**
 * The firing {@code ComponentOutage} alerts of one component across centers, as alert JSON (so that
 * the state is plain strings), for {@link MultiCenterOutageTracker}. POJO.
 */
public final class MultiCenterOutageState {
  public String[] centers = new String[0];
  public String[] alerts = new String[0];

  /** No center is down: the state can be cleared. */
  public boolean isEmpty() {
    return centers.length == 0;
  }
}
