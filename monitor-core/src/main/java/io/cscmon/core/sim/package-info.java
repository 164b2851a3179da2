/**
 * A deterministic (by seed) discrete-event simulator of a bank's contact center that writes
 * CONTRACT §1 NDJSON event lines, for the demo, tests and benchmarks, and the ground truth of the
 * incidents it injected.
 *
 * <p>Entry points: {@link io.cscmon.core.sim.SimulationConfig} (what to simulate, with defaults for
 * a large bank: 45 000 contacts a day, five queues, 80/20 staffing), {@link
 * io.cscmon.core.sim.Simulator} (an infinite stream of lines in non-decreasing event time), {@link
 * io.cscmon.core.sim.Scenario} (incidents, composable, each with start, duration and intensity) and
 * {@link io.cscmon.core.sim.Labels} (the label file: one NDJSON line per scenario with its window
 * and {@link io.cscmon.core.sim.ExpectedIncident expected alert}).
 *
 * <p>Scenarios: operational {@link io.cscmon.core.sim.AgentShortage}, {@link
 * io.cscmon.core.sim.VolumeSurge}; market {@link io.cscmon.core.sim.MarketShock}; credit {@link
 * io.cscmon.core.sim.CreditEvent}; technical {@link io.cscmon.core.sim.ComponentOutage}, {@link
 * io.cscmon.core.sim.HeartbeatLoss}, {@link io.cscmon.core.sim.VoiceTrunkFailure}, {@link
 * io.cscmon.core.sim.LatencyDegradation}; attacks {@link io.cscmon.core.sim.Tdos}, {@link
 * io.cscmon.core.sim.IvrBruteForce}, {@link io.cscmon.core.sim.CredentialStuffing}, {@link
 * io.cscmon.core.sim.VolumetricDdos}, which bring their own traffic through {@link
 * io.cscmon.core.sim.Traffic}; and busy-but-normal {@link io.cscmon.core.sim.AppRelease} and {@link
 * io.cscmon.core.sim.BusyDay}, which must raise no alert.
 *
 * <p>Where the numbers come from: the 70 % self-service share is PLAN §三(1); complaint resolution
 * above 90 % is PLAN §二(2); the 80/20 service-level target and Erlang C staffing with shrinkage are
 * the industry's usual planning practice; the daily double peak (09:00–11:30, 14:00–16:30
 * Asia/Shanghai), the weekly factors, handle times, patience, the component figures, the 3.5 %
 * failed logins (70 % of mistypers retry), the 15 % of app traffic behind carrier NATs, callers
 * calling back (35 % after abandoning, 25 % after hanging up in the IVR, at most twice) and the
 * attack shapes are the project's own plausible defaults, not measured data.
 */
package io.cscmon.core.sim;
