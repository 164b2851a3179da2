package io.cscmon.core.sim;

import static io.cscmon.core.sim.LineBuilder.ascii;
import static io.cscmon.core.sim.LineBuilder.key;
import static io.cscmon.core.sim.LineBuilder.type;

/**
 * The simulator's line types, keys and constant values as UTF-8 bytes, encoded once (CONTRACT §1
 * names them).
 */
final class Fields {
  private Fields() {}

  // Line types.
  static final byte[] CALL = type("call");
  static final byte[] AUTH = type("auth");
  static final byte[] AGENT = type("agent");
  static final byte[] HEALTH = type("health");
  static final byte[] ACCESS = type("access");

  // Keys.
  static final byte[] CALL_ID = key("call_id");
  static final byte[] PHASE = key("phase");
  static final byte[] CHANNEL = key("channel");
  static final byte[] ANI = key("ani");
  static final byte[] TOPIC = key("topic");
  static final byte[] IVR_OUTCOME = key("ivr_outcome");
  static final byte[] QUEUE = key("queue");
  static final byte[] WAIT_MS = key("wait_ms");
  static final byte[] AGENT_ID = key("agent_id");
  static final byte[] HANDLE_MS = key("handle_ms");
  static final byte[] OUTCOME = key("outcome");
  static final byte[] SOURCE = key("source");
  static final byte[] ACCOUNT = key("account");
  static final byte[] RESULT = key("result");
  static final byte[] METHOD = key("method");
  static final byte[] STATE = key("state");
  static final byte[] QUEUES = key("queues");
  static final byte[] COMPONENT = key("component");
  static final byte[] INSTANCE = key("instance");
  static final byte[] UP = key("up");
  static final byte[] LATENCY_P50_MS = key("latency_p50_ms");
  static final byte[] LATENCY_P99_MS = key("latency_p99_ms");
  static final byte[] REQUESTS = key("requests");
  static final byte[] ERRORS = key("errors");
  static final byte[] CPU = key("cpu");
  static final byte[] MEMORY = key("memory");
  static final byte[] METRICS = key("metrics");
  static final byte[] ENDPOINT = key("endpoint");
  static final byte[] STATUS = key("status");
  static final byte[] LATENCY_MS = key("latency_ms");
  static final byte[] COUNT = key("count");

  // Call phases.
  static final byte[] ARRIVED = ascii("arrived");
  static final byte[] IVR_EXIT = ascii("ivr_exit");
  static final byte[] QUEUED = ascii("queued");
  static final byte[] ABANDONED = ascii("abandoned");
  static final byte[] ANSWERED = ascii("answered");
  static final byte[] ENDED = ascii("ended");

  // Auth.
  static final byte[] SUCCESS = ascii("success");
  static final byte[] FAILURE = ascii("failure");
  static final byte[] PIN = ascii("pin");
  static final byte[] PASSWORD = ascii("password");
  static final byte[] OTP = ascii("otp");
  static final byte[] VOICEPRINT = ascii("voiceprint");
  static final byte[] IVR = ascii("ivr");

  // Agent states.
  static final byte[] AVAILABLE = ascii("available");
  static final byte[] BUSY = ascii("busy");
  static final byte[] WRAP_UP = ascii("wrap_up");
  static final byte[] NOT_READY = ascii("not_ready");
  static final byte[] LOGGED_OUT = ascii("logged_out");

  // Health metrics.
  static final byte[] ACTIVE_CALLS = ascii("active_calls");
  static final byte[] SESSIONS = ascii("sessions");
  static final byte[] QUEUED_CALLS = ascii("queued_calls");
  static final byte[] AGENTS_LOGGED_IN = ascii("agents_logged_in");
  static final byte[] AGENTS_AVAILABLE = ascii("agents_available");

  // Identifier prefixes.
  static final byte[] ACCOUNT_PREFIX = ascii("acct-");
  static final byte[] DEVICE_PREFIX = ascii("dev-");
}
