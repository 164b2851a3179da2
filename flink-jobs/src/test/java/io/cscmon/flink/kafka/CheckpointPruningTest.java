package io.cscmon.flink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At start the state directory keeps the newest {@code --checkpoints-retained} checkpoints of
 * earlier jobs, the one restored among them, and loses the rest, whole job folders included.
 */
class CheckpointPruningTest {

  @TempDir Path stateDir;

  private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

  @Test
  void keepsTheNewestRetainedAndTheRestoredOneAndDeletesTheRest() throws Exception {
    Path oldest = Files.createDirectories(stateDir.resolve("checkpoints/aaaa"));
    Path middle = Files.createDirectories(stateDir.resolve("checkpoints/bbbb"));
    Path newest = Files.createDirectories(stateDir.resolve("checkpoints/cccc"));
    Path crashed = Files.createDirectories(stateDir.resolve("checkpoints/dddd"));
    checkpoint(oldest, 1, 1);
    checkpoint(oldest, 2, 2);
    Files.createDirectories(oldest.resolve("shared")).resolve("state").toFile().createNewFile();
    checkpoint(middle, 7, 3);
    checkpoint(middle, 8, 4);
    Files.createDirectories(middle.resolve("shared")).resolve("state").toFile().createNewFile();
    checkpoint(newest, 1, 5);
    Files.createDirectories(newest.resolve("chk-2")); // unfinished: no _metadata
    Files.createDirectories(crashed.resolve("chk-1")); // died before its first checkpoint

    Checkpoints checkpoints = new Checkpoints(stateDir, Duration.ofSeconds(10), "hashmap", 2);
    Configuration conf = checkpoints.configure(new Configuration());

    assertThat(conf.get(StateRecoveryOptions.SAVEPOINT_PATH))
        .isEqualTo(newest.resolve("chk-1").toAbsolutePath().toUri().toString());
    assertThat(newest.resolve("chk-1/_metadata")).exists();
    assertThat(middle.resolve("chk-8/_metadata")).exists();
    assertThat(middle.resolve("shared/state"))
        .as("kept checkpoints keep their shared files")
        .exists();
    assertThat(middle.resolve("chk-7")).doesNotExist();
    assertThat(oldest).doesNotExist();
    assertThat(crashed).doesNotExist();
    assertThat(checkpoints.latest()).contains(newest.resolve("chk-1").toAbsolutePath());

    assertThat(checkpoints.pruneEarlier()).as("nothing more to prune").isEmpty();
  }

  @Test
  void anEmptyStateDirectoryIsLeftAlone() {
    Checkpoints checkpoints = new Checkpoints(stateDir, Duration.ofSeconds(10), "hashmap", 1);
    assertThat(checkpoints.pruneEarlier()).isEmpty();
    assertThat(checkpoints.configure(new Configuration()).get(StateRecoveryOptions.SAVEPOINT_PATH))
        .isNull();
  }

  /** A completed checkpoint: {@code chk-N/_metadata}, written {@code minute} minutes after T0. */
  private static void checkpoint(Path job, int n, int minute) throws Exception {
    Path metadata = Files.createDirectories(job.resolve("chk-" + n)).resolve("_metadata");
    Files.writeString(metadata, "metadata of chk-" + n);
    Files.setLastModifiedTime(metadata, FileTime.from(T0.plusSeconds(60L * minute)));
  }
}
