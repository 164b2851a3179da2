package io.cscmon.core.detect;

/** The components currently in outage at one center, for {@link RootCauseTagger}. POJO. */
public final class RootCauseState {
  public String[] down = new String[0];
  public long[] downSince = new long[0];

  boolean isDown(String component) {
    for (String d : down) {
      if (d.equals(component)) {
        return true;
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

  /** No outage is open: the state can be cleared. */
  public boolean isEmpty() {
    return down.length == 0;
  }
}
