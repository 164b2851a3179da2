package io.cscmon.flink.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * Exactly-once checkpoints on the state directory, and the restart from the latest one. Checkpoints
 * go to {@code STATE_DIR/checkpoints/JOB_ID/chk-N}; they are retained when the job is cancelled or
 * the process dies, and on start the newest complete one (with its {@code _metadata}) of any
 * earlier job is restored, so a service killed with SIGKILL carries on where its last checkpoint
 * left off. At start, checkpoints of earlier jobs beyond the newest {@code retained} are deleted
 * (Flink prunes only the running job's own): a restart runs as a new job that restores the old
 * job's checkpoint without owning it, so without this every restart would leave a folder for good.
 *
 * @param backend {@code hashmap} (state on the heap, snapshots to files) or {@code rocksdb} (state
 *     on local disk, incremental snapshots)
 * @param retained how many completed checkpoints of the running job Flink keeps; it deletes older
 *     ones as new ones complete ({@code execution.checkpointing.num-retained}, formerly {@code
 *     state.checkpoints.num-retained})
 * @param fromSavepoint the savepoint (or checkpoint) to start from instead of the newest one, e.g.
 *     for a rollback: the old jar from the savepoint the upgrade was made from; null for the newest
 */
public record Checkpoints(
    Path stateDir, Duration interval, String backend, int retained, Path fromSavepoint) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  /** More than one, so that a checkpoint damaged on disk still leaves an older one to restore. */
  public static final int DEFAULT_RETAINED = 3;

  public Checkpoints(Path stateDir, Duration interval, String backend) {
    this(stateDir, interval, backend, DEFAULT_RETAINED);
  }

  public Checkpoints(Path stateDir, Duration interval, String backend, int retained) {
    this(stateDir, interval, backend, retained, null);
  }

  public Checkpoints {
    if (retained < 1) {
      throw new IllegalArgumentException(
          "checkpoints retained must be at least 1, not " + retained);
    }
    backend = backend.toLowerCase(Locale.ROOT);
    if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
      throw new IllegalArgumentException(
          "state backend must be hashmap or rocksdb, not '" + backend + "'");
    }
    if (fromSavepoint != null && !Files.isRegularFile(fromSavepoint.resolve("_metadata"))) {
      throw new IllegalArgumentException(
          "--from-savepoint " + fromSavepoint + " is not a savepoint (it has no _metadata)");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("checkpoint interval must be positive");
    }
  }

  public Path directory() {
    return stateDir.toAbsolutePath().resolve("checkpoints");
  }

  /**
   * Where {@code run} puts the savepoint it stops with ({@code savepoint-JOB-ID}), never pruned.
   */
  public Path savepoints() {
    return stateDir.toAbsolutePath().resolve("savepoints");
  }

  /** Sets checkpointing, the state backend and, if there is one, the checkpoint to restore. */
  public Configuration configure(Configuration conf) {
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory().toUri().toString());
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, retained);
    conf.set(StateBackendOptions.STATE_BACKEND, backend);
    if (backend.equals("rocksdb")) {
      conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    }
    Optional<Path> restore = restorePoint();
    pruneEarlier();
    restore.ifPresent(chk -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, chk.toUri().toString()));
    return conf;
  }

  /**
   * Deletes the complete checkpoints beyond the newest {@code retained} (so never {@link
   * #latest()}, the one a start restores), and the folders of jobs left with none (their shared
   * incremental files and unfinished checkpoints with them). Call it only while no job writes to
   * this state directory, i.e. at start.
   *
   * @return what was deleted
   */
  public List<Path> pruneEarlier() {
    Path dir = directory();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> jobs;
    try (Stream<Path> list = Files.list(dir)) {
      jobs = list.filter(Files::isDirectory).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
    }
    List<Path> newestFirst =
        jobs.stream()
            .flatMap(Checkpoints::completed)
            .sorted(
                Comparator.comparing(Checkpoints::modified)
                    .thenComparing(Checkpoints::number)
                    .reversed())
            .toList();
    Set<Path> kept = new HashSet<>(newestFirst.subList(0, Math.min(retained, newestFirst.size())));
    List<Path> deleted = new ArrayList<>();
    for (Path job : jobs) {
      boolean keepsOne = kept.stream().anyMatch(k -> k.getParent().equals(job));
      if (!keepsOne) {
        deleted.add(deleteTree(job));
        continue;
      }
      completed(job)
          .filter(chk -> !kept.contains(chk))
          .forEach(chk -> deleted.add(deleteTree(chk)));
    }
    return deleted;
  }

  private static Path deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the old checkpoint " + root, e);
    }
  }

  /** What a start restores: {@link #fromSavepoint()} if given, else {@link #latest()}. */
  public Optional<Path> restorePoint() {
    return fromSavepoint == null ? latest() : Optional.of(fromSavepoint.toAbsolutePath());
  }

  /**
   * The newest complete checkpoint under the state directory, of whichever job wrote it, or the
   * savepoint a stop wrote if that is newer.
   */
  public Optional<Path> latest() {
    Optional<Path> checkpoint = newestIn(directory(), Checkpoints::completed);
    Optional<Path> savepoint = newestIn(savepoints(), Stream::of);
    return Stream.concat(checkpoint.stream(), savepoint.stream())
        .max(Comparator.comparing(Checkpoints::modified));
  }

  private static Optional<Path> newestIn(
      Path dir, java.util.function.Function<Path, Stream<Path>> snapshots) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(Files::isDirectory)
          .flatMap(snapshots)
          .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
          .max(Comparator.comparing(Checkpoints::modified).thenComparing(Checkpoints::number));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static Stream<Path> completed(Path jobDir) {
    try (Stream<Path> chks = Files.list(jobDir)) {
      return chks
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
          .toList()
          .stream();
    } catch (IOException e) {
      return Stream.empty();
    }
  }

  private static long modified(Path chk) {
    try {
      return Files.getLastModifiedTime(chk.resolve("_metadata")).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static long number(Path chk) {
    try {
      return Long.parseLong(chk.getFileName().toString().substring("chk-".length()));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return -1;
    }
  }
}
