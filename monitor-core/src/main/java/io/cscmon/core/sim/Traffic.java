package io.cscmon.core.sim;

import java.util.SplittableRandom;

/**
 * What a {@link Scenario} may add to the stream: contacts and online events of its own (attacks).
 * Every method writes at {@link #now()}; {@link #later} runs an action at a later time, so the
 * stream stays in event-time order. Lines follow CONTRACT §1 like the simulator's own.
 */
public interface Traffic {

  /** The simulated time, epoch ms. */
  long now();

  /** The scenario's own random stream (deterministic by the simulation's seed). */
  SplittableRandom rng();

  /**
   * A contact that arrives now on {@code channel} from {@code ani} and leaves the IVR after {@code
   * ivrMs} with {@code hangup} (it never reaches an agent). Voice and video contacts need the voice
   * gateway; when it is unavailable or the channel is blocked by a scenario the contact never
   * arrives and this returns {@code null}.
   *
   * @param topic the topic the IVR recognised, or {@code null}
   * @return the call id
   */
  String ivrCall(String channel, String ani, String topic, long ivrMs);

  /** Runs {@code action} (which calls this traffic's methods) {@code delayMs} from now. */
  void later(long delayMs, Runnable action);

  /** An {@code auth} line; {@code method} may be {@code null}. */
  void auth(String channel, String source, String account, boolean success, String method);

  /** An {@code access} line now. */
  void access(
      String channel, String source, String endpoint, int status, double latencyMs, long count);

  /** Whether the component can serve now (an instance is up and its dependencies can serve). */
  boolean available(String component);

  /** A random mobile number as the simulator's customers have. */
  String mobileNumber();

  /** A random customer account of the simulator's population. */
  String account();

  /** A random consumer IP address as the simulator's customers have. */
  String clientIp();
}
