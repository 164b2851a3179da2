package io.cscmon.flink.job;

import io.cscmon.flink.source.NumberedLineFormat;
import io.cscmon.flink.source.RawLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.connector.file.src.FileSource;

/**
 * Recorded files as the job's sources: one file source per file, never one over a directory. A file
 * source's reader reads the files it is handed one after the other, so after the first its event
 * time is that file's end and the next file of the same hours would be behind it all along; as
 * separate sources the files are read side by side and the job's event time is the minimum over
 * them. Each file's lines are named by its file name (dead letters, late events).
 */
public final class FileInputs {
  private FileInputs() {}

  /** {@code path} itself, or the regular files in the directory {@code path}, by name. */
  public static List<DetectionJob.NamedSource> of(Path path) {
    if (!Files.isDirectory(path)) {
      return List.of(file(path));
    }
    try (Stream<Path> files = Files.list(path)) {
      List<DetectionJob.NamedSource> sources =
          files.filter(Files::isRegularFile).sorted().map(FileInputs::file).toList();
      if (sources.isEmpty()) {
        throw new IllegalArgumentException(path + " holds no files to read");
      }
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One file as a source of numbered lines. */
  public static DetectionJob.NamedSource file(Path file) {
    String name = file.getFileName().toString();
    FileSource<RawLine> source =
        FileSource.forRecordStreamFormat(
                new NumberedLineFormat(name),
                new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()))
            .build();
    return new DetectionJob.NamedSource(source, "File " + name);
  }
}
