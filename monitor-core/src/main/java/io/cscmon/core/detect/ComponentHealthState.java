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

  /** Nothing is firing: after recovery only the heartbeat bookkeeping is left. */
  public boolean isQuiet() {
    return UP.equals(status);
  }

  int pendingCount() {
    return pendingTs == null ? 0 : pendingTs.length;
  }

  /** Adds a sample after those of an earlier or the same time. */
  void addPending(String instance, long ts, boolean up, long intervalMs) {
    int n = pendingCount();
    int at = n;
    while (at > 0 && pendingTs[at - 1] > ts) {
      at--;
    }
    pendingInstance = insert(n == 0 ? new String[0] : pendingInstance, at, instance);
    long[] t = new long[n + 1];
    long[] iv = new long[n + 1];
    boolean[] u = new boolean[n + 1];
    for (int i = 0, j = 0; i <= n; i++) {
      if (i == at) {
        t[i] = ts;
        iv[i] = intervalMs;
        u[i] = up;
      } else {
        t[i] = pendingTs[j];
        iv[i] = pendingIntervalMs[j];
        u[i] = pendingUp[j];
        j++;
      }
    }
    pendingTs = t;
    pendingIntervalMs = iv;
    pendingUp = u;
  }

  /** Drops the earliest pending sample. */
  void removeFirstPending() {
    int n = pendingCount();
    pendingInstance = java.util.Arrays.copyOfRange(pendingInstance, 1, n);
    pendingTs = java.util.Arrays.copyOfRange(pendingTs, 1, n);
    pendingUp = java.util.Arrays.copyOfRange(pendingUp, 1, n);
    pendingIntervalMs = java.util.Arrays.copyOfRange(pendingIntervalMs, 1, n);
  }

  private static String[] insert(String[] a, int at, String v) {
    String[] b = new String[a.length + 1];
    System.arraycopy(a, 0, b, 0, at);
    b[at] = v;
    System.arraycopy(a, at, b, at + 1, a.length - at);
    return b;
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
