package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cscmon.flink.kafka.Checkpoints;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --checkpoints-retained N} reaches Flink's {@code execution.checkpointing.num-retained}.
 */
class CheckpointOptionsTest {

  @TempDir Path stateDir;

  private Configuration configure(String... extra) {
    List<String> argv = new ArrayList<>(List.of("--kafka-bootstrap", "127.0.0.1:9"));
    argv.addAll(List.of(extra));
    Args args = Args.parse(argv.toArray(new String[0]), KafkaOptions.VALUED, KafkaOptions.FLAGS);
    return KafkaOptions.checkpoints(args, stateDir).configure(new Configuration());
  }

  @Test
  void retainedCheckpointsAreConfigurable() {
    Configuration conf = configure("--checkpoints-retained", "5");
    assertThat(conf.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS)).isEqualTo(5);
    // The key a Flink 2.2 cluster reads (state.checkpoints.num-retained is its deprecated name).
    assertThat(conf.toMap()).containsEntry("execution.checkpointing.num-retained", "5");
  }

  @Test
  void threeAreRetainedByDefault() {
    assertThat(configure().get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS))
        .isEqualTo(Checkpoints.DEFAULT_RETAINED)
        .isEqualTo(3);
  }

  @Test
  void fewerThanOneIsAUsageError() {
    assertThatThrownBy(() -> configure("--checkpoints-retained", "0"))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> configure("--checkpoints-retained", "many"))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("--checkpoints-retained");
  }

  @Test
  void needsKafka() {
    assertThatThrownBy(
            () ->
                KafkaOptions.topics(
                    Args.parse(
                        new String[] {"--checkpoints-retained", "2"},
                        KafkaOptions.VALUED,
                        KafkaOptions.FLAGS)))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("--checkpoints-retained needs --kafka-bootstrap");
  }
}
