package io.cscmon.flink.launcher;

/**
 * A failure the operator can mend from its message alone (a port taken, a file missing): the
 * launcher prints the message without a stack trace and exits 1. Anything unexpected still gets its
 * stack trace.
 */
final class CommandFailure extends RuntimeException {
  CommandFailure(String message) {
    super(message);
  }
}
