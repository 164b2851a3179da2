package io.cscmon.core.journal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of records, one per line (UTF-8 JSON by convention), each forced to disk
 * before {@link #append} returns: what was appended survives {@code kill -9} and a power cut. On
 * open the records are read back; a last line torn by a crash mid-write (no newline) is dropped,
 * since its append never returned. {@link #rewrite} compacts: the new content goes to a temporary
 * file, is forced, and atomically replaces the old one.
 *
 * <p>Why a journal and not an embedded database: the state it keeps (silences, acks, pending
 * notifications) is small, written rarely, and read only on start; a line per change is easy to
 * inspect with {@code tail}, needs no dependency, and has exactly one durability rule (force before
 * returning) that a test can check by killing the process.
 */
public final class Journal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

  private final Path file;
  private final List<String> recovered;

  /**
   * Written through {@link RandomAccessFile}, not a {@code FileChannel}: an interrupt of a thread
   * inside a channel's write or force closes the channel for every thread, and a notifier being
   * stopped, or a pipeline thread being cancelled, must not disable the journal.
   */
  private RandomAccessFile out;

  private long appendedSinceRewrite;

  private Journal(Path file, List<String> recovered, RandomAccessFile out) {
    this.file = file;
    this.recovered = recovered;
    this.out = out;
  }

  /** Opens (creating) {@code file} and reads back its complete records. */
  public static Journal open(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      List<String> records = new ArrayList<>();
      long validLength = 0;
      if (Files.exists(file)) {
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
          if (bytes[i] == '\n') {
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            if (!line.isBlank()) {
              records.add(line);
            }
            start = i + 1;
          }
        }
        validLength = start;
        if (start < bytes.length) {
          LOG.warn("{}: dropping a torn last record of {} bytes", file, bytes.length - start);
        }
      }
      RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw");
      out.setLength(validLength);
      out.seek(validLength);
      return new Journal(file, List.copyOf(records), out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open journal " + file, e);
    }
  }

  /** The records the file held when it was opened, oldest first. */
  public List<String> recovered() {
    return recovered;
  }

  public Path file() {
    return file;
  }

  /** Appends one record (it must not contain a newline) and forces it to disk. */
  public synchronized void append(String record) {
    if (record.indexOf('\n') >= 0 || record.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a journal record is one line");
    }
    try {
      out.write((record + "\n").getBytes(StandardCharsets.UTF_8));
      out.getFD().sync();
      appendedSinceRewrite++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to journal " + file, e);
    }
  }

  /** Records appended since open or the last {@link #rewrite}: a hint for when to compact. */
  public synchronized long appendedSinceRewrite() {
    return appendedSinceRewrite;
  }

  /** Atomically replaces the whole journal with {@code records}. */
  public synchronized void rewrite(List<String> records) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileOutputStream tmpOut = new FileOutputStream(tmp.toFile())) {
        StringBuilder text = new StringBuilder();
        for (String r : records) {
          text.append(r).append('\n');
        }
        tmpOut.write(text.toString().getBytes(StandardCharsets.UTF_8));
        tmpOut.getFD().sync();
      }
      out.close();
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory();
      out = new RandomAccessFile(file.toFile(), "rw");
      out.seek(out.length());
      appendedSinceRewrite = 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite journal " + file, e);
    }
  }

  private void forceDirectory() {
    Path dir = file.toAbsolutePath().getParent();
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Not every file system lets a directory be opened; the rename is still atomic.
      LOG.debug("cannot force directory {}: {}", dir, e.toString());
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      LOG.warn("closing journal {}: {}", file, e.toString());
    }
  }
}
