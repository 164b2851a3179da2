package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cscmon.core.ingest.DeadLetterRotation;
import org.junit.jupiter.api.Test;

/** {@code --dead-letter-max-bytes} and {@code --dead-letter-keep} of run and demo. */
class DeadLetterOptionsTest {

  private static DeadLetterRotation parse(String... argv) {
    return ServeCommand.deadLetterRotation(
        Args.parse(argv, ServeCommand.DEMO_OPTIONS, java.util.Set.of()));
  }

  @Test
  void defaultsTo64MibAndThreeKeptFiles() {
    assertThat(parse()).isEqualTo(new DeadLetterRotation(64L << 20, 3));
  }

  @Test
  void takesTheCapAndTheKeptCountFromTheCommandLine() {
    assertThat(parse("--dead-letter-max-bytes", "5000000000", "--dead-letter-keep", "0"))
        .isEqualTo(new DeadLetterRotation(5_000_000_000L, 0));
  }

  @Test
  void badValuesAreUsageErrorsNamingTheOption() {
    assertThatThrownBy(() -> parse("--dead-letter-max-bytes", "64M"))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("--dead-letter-max-bytes");
    assertThatThrownBy(() -> parse("--dead-letter-keep", "-1"))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("--dead-letter-keep");
  }
}
