package io.cscmon.flink.source;

import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.Simulator;

/**
 * The built-in simulator as a live feed: lines are released when the simulated clock, running at
 * {@code speed} times the wall clock from the configured start, reaches their event time. A demo
 * can so show an hour of the center in six minutes, in event time, with the same pipeline as
 * production.
 */
public final class SimulatorFeed implements RecordFeed<RawLine> {

  private final Simulator simulator;
  private final long simStart;
  private final long wallStart;
  private final double speed;
  private long line;

  private SimulatorFeed(SimulationConfig config, double speed) {
    this.simulator = new Simulator(config);
    this.simStart = config.start();
    this.wallStart = System.currentTimeMillis();
    this.speed = speed;
  }

  /** A factory that ships the configuration to the task, where the simulator then runs. */
  public static RecordFeed.Factory<RawLine> factory(SimulationConfig config, double speed) {
    return () -> new SimulatorFeed(config, speed);
  }

  @Override
  public RawLine poll() {
    long simNow = simStart + (long) ((System.currentTimeMillis() - wallStart) * speed);
    if (simulator.peekTime() > simNow) {
      return null;
    }
    return RawLine.uncounted("simulator", ++line, simulator.nextLine());
  }

  @Override
  public boolean finished() {
    return false;
  }
}
