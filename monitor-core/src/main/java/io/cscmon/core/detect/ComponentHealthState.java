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

  /** Nothing is firing: after recovery only the heartbeat bookkeeping is left. */
  public boolean isQuiet() {
    return UP.equals(status);
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
