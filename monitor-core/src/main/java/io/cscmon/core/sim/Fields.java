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
  static final int CALL_ID = key("call_id");
  static final int PHASE = key("phase");
  static final int CHANNEL = key("channel");
  static final int ANI = key("ani");
  static final int TOPIC = key("topic");
  static final int IVR_OUTCOME = key("ivr_outcome");
  static final int QUEUE = key("queue");
  static final int WAIT_MS = key("wait_ms");
  static final int AGENT_ID = key("agent_id");
  static final int HANDLE_MS = key("handle_ms");
  static final int OUTCOME = key("outcome");
  static final int SOURCE = key("source");
  static final int ACCOUNT = key("account");
  static final int RESULT = key("result");
  static final int METHOD = key("method");
  static final int STATE = key("state");
  static final int QUEUES = key("queues");
  static final int COMPONENT = key("component");
  static final int INSTANCE = key("instance");
  static final int UP = key("up");
  static final int LATENCY_P50_MS = key("latency_p50_ms");
  static final int LATENCY_P99_MS = key("latency_p99_ms");
  static final int REQUESTS = key("requests");
  static final int ERRORS = key("errors");
  static final int CPU = key("cpu");
  static final int MEMORY = key("memory");
  static final int METRICS = key("metrics");
  static final int ENDPOINT = key("endpoint");
  static final int STATUS = key("status");
  static final int LATENCY_MS = key("latency_ms");
  static final int COUNT = key("count");

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
