package io.cscmon.core.http;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Whether the service can take events now, and if not why: {@code GET /health/ready} answers 200,
 * or 503 with the reason, so that the on-call reads what to look at (the detection job, the Kafka
 * events topic) instead of guessing. Asked on every probe: answer from state kept up to date
 * elsewhere, never with a remote call.
 */
@FunctionalInterface
public interface Readiness {

  /** Why the service cannot take events now; empty when it can. */
  Optional<String> notReadyBecause();

  /** Ready while {@code ready} says so; {@code reason} otherwise. */
  static Readiness when(BooleanSupplier ready, String reason) {
    return () -> ready.getAsBoolean() ? Optional.empty() : Optional.of(reason);
  }

  /** Ready when this and {@code other} are; otherwise the reasons of both, this one's first. */
  default Readiness and(Readiness other) {
    return () -> {
      Optional<String> mine = notReadyBecause();
      Optional<String> theirs = other.notReadyBecause();
      if (mine.isPresent() && theirs.isPresent()) {
        return Optional.of(mine.get() + "; " + theirs.get());
      }
      return mine.isPresent() ? mine : theirs;
    };
  }
}
