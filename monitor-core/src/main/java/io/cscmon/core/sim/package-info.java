/**
 * A deterministic (by seed) discrete-event simulator of a bank's contact center that writes
 * CONTRACT §1 NDJSON event lines, for the demo, tests and benchmarks.
 *
 * <p>Entry points: {@link io.cscmon.core.sim.SimulationConfig} (what to simulate, with defaults for
 * a large bank: 45 000 contacts a day, five queues, 80/20 staffing), {@link
 * io.cscmon.core.sim.Simulator} (an infinite stream of lines in non-decreasing event time) and
 * {@link io.cscmon.core.sim.Scenario} (incidents: {@link io.cscmon.core.sim.AgentShortage}, {@link
 * io.cscmon.core.sim.MarketShock}, {@link io.cscmon.core.sim.ComponentOutage}).
 *
 * <p>Where the numbers come from: the 70 % self-service share is PLAN §三(1); complaint resolution
 * above 90 % is PLAN §二(2); the 80/20 service-level target and Erlang C staffing with shrinkage are
 * the industry's usual planning practice; the daily double peak (09:00–11:30, 14:00–16:30
 * Asia/Shanghai), the weekly factors, handle times, patience and the component figures are the
 * project's own plausible defaults, not measured data.
 */
package io.cscmon.core.sim;
