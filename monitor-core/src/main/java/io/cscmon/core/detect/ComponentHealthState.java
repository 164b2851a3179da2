package io.cscmon.core.detect;

/**
 * What {@link ComponentHealthDetector} remembers about one component at one center: its instances
 * and the alert it has raised. POJO with public fields and an array (not a list or map) so that
 * Flink serializes it without Kryo.
 */
public final class ComponentHealthState {
  public static final long NONE = Long.MIN_VALUE;
  public static final String UP = "up";
  public static final String DEGRADED = "degraded";
  public static final String OUTAGE = "outage";

  public String center;
  public String component;
  public InstanceHealth[] instances = new InstanceHealth[0];

  /** {@link #UP}, {@link #DEGRADED} or {@link #OUTAGE}: what the alerts last said. */
  public String status = UP;

  /** {@code startsAt} of the firing alert (outage or degraded), or NONE. */
  public long since = NONE;

  /** The emergency level label the firing outage alert carries. */
  public String level;

  /** The instances that were down when the alert fired, comma-separated. */
  public String detail;

  /**
   * When the component became better than the firing alert says (up, or only some instances down
   * after an outage), while that alert waits out the clear hold; NONE otherwise.
   */
  public long recoveredAt = NONE;

  /** The newest time evaluated, so that a late sample cannot move the state backwards. */
  public long evaluatedAt = NONE;

  /** The newest time up to which missed heartbeats have been looked for. */
  public long heartbeatsAt = NONE;

  /**
   * Samples not taken yet, in event-time order: each waits until the data up to its time is
   * complete (parallel arrays; null in state from before they existed, read as empty).
   */
  public String[] pendingInstance = new String[0];

  public long[] pendingTs = new long[0];
  public boolean[] pendingUp = new boolean[0];
  public long[] pendingIntervalMs = new long[0];

  /** How many of the pending arrays' first cells hold samples (the rest is room to grow). */
  public int pendingSize;

  /** Nothing is firing: after recovery only the heartbeat bookkeeping is left. */
  public boolean isQuiet() {
    return UP.equals(status);
  }

  int pendingCount() {
    return pendingTs == null ? 0 : pendingSize;
  }

  /**
   * Adds a sample after those of an earlier or the same time. The arrays grow by doubling and are
   * reused: a sample per health event must not cost four new arrays.
   */
  void addPending(String instance, long ts, boolean up, long intervalMs) {
    int n = pendingCount();
    if (pendingTs == null || n == pendingTs.length) {
      int capacity = Math.max(4, 2 * n);
      pendingInstance = java.util.Arrays.copyOf(n == 0 ? new String[0] : pendingInstance, capacity);
      pendingTs = java.util.Arrays.copyOf(n == 0 ? new long[0] : pendingTs, capacity);
      pendingUp = java.util.Arrays.copyOf(n == 0 ? new boolean[0] : pendingUp, capacity);
      pendingIntervalMs =
          java.util.Arrays.copyOf(n == 0 ? new long[0] : pendingIntervalMs, capacity);
    }
    int at = n;
    while (at > 0 && pendingTs[at - 1] > ts) {
      at--;
    }
    System.arraycopy(pendingInstance, at, pendingInstance, at + 1, n - at);
    System.arraycopy(pendingTs, at, pendingTs, at + 1, n - at);
    System.arraycopy(pendingUp, at, pendingUp, at + 1, n - at);
    System.arraycopy(pendingIntervalMs, at, pendingIntervalMs, at + 1, n - at);
    pendingInstance[at] = instance;
    pendingTs[at] = ts;
    pendingUp[at] = up;
    pendingIntervalMs[at] = intervalMs;
    pendingSize = n + 1;
  }

  /** Drops the earliest pending sample. */
  void removeFirstPending() {
    int n = pendingCount();
    System.arraycopy(pendingInstance, 1, pendingInstance, 0, n - 1);
    System.arraycopy(pendingTs, 1, pendingTs, 0, n - 1);
    System.arraycopy(pendingUp, 1, pendingUp, 0, n - 1);
    System.arraycopy(pendingIntervalMs, 1, pendingIntervalMs, 0, n - 1);
    pendingInstance[n - 1] = null;
    pendingSize = n - 1;
  }

  /** Whether a pending sample says down. */
  boolean pendingDown() {
    for (int i = 0; i < pendingCount(); i++) {
      if (!pendingUp[i]) {
        return true;
      }
    }
    return false;
  }

  InstanceHealth instance(String name) {
    for (InstanceHealth i : instances) {
      if (i.instance.equals(name)) {
        return i;
      }
    }
    InstanceHealth[] grown = java.util.Arrays.copyOf(instances, instances.length + 1);
    InstanceHealth added = new InstanceHealth(name);
    grown[instances.length] = added;
    instances = grown;
    return added;
  }
}
