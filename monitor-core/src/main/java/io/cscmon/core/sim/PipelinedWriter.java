package io.cscmon.core.sim;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes a simulation to a stream on two threads: the caller's runs the simulation, which records
 * its lines on a {@link LineBuilder} tape, and hands each full tape to a writer thread, which
 * formats it ({@link LineFormatter}) and writes the bytes in large blocks. Formatting is about half
 * the work per line, so the second core takes that half. The bytes are those of the one-thread
 * path: tapes are formatted whole and in order. A few tapes circulate between the two threads, so
 * memory stays bounded and a slow stream slows the simulation down.
 */
final class PipelinedWriter {
  /**
   * Lines per tape: large enough that the hand-over costs nothing per line, small enough that the
   * tapes in circulation (a quarter of a megabyte each) stay in the cores' caches.
   */
  static final int TAPE_LINES = 1024;

  /** Tapes in circulation (one being recorded, the others queued or being written). */
  private static final int TAPES = 4;

  /** Bytes formatted before each write. */
  private static final int BLOCK_BYTES = 1 << 20;

  private static final LineBuilder END = new LineBuilder();

  private PipelinedWriter() {}

  /**
   * Writes the lines of {@code sim} (which has produced none yet) with event time before {@code
   * end} to {@code stream}, flushes it and returns how many; {@code stream} is written from another
   * thread only, and not closed.
   */
  static long write(Simulator sim, long end, OutputStream stream) throws IOException {
    BlockingQueue<LineBuilder> full = new ArrayBlockingQueue<>(TAPES + 1);
    BlockingQueue<LineBuilder> empty = new ArrayBlockingQueue<>(TAPES);
    for (int i = 1; i < TAPES; i++) {
      empty.add(new LineBuilder(TAPE_LINES + TAPE_LINES / 4));
    }
    Writer writer = new Writer(sim.newFormatter(BLOCK_BYTES + (1 << 16)), end, stream, full, empty);
    Thread thread = new Thread(writer, "cscmon-sim-writer");
    thread.setDaemon(true);
    thread.start();
    boolean interrupted = false;
    try {
      while (!sim.reached(end) && writer.failure == null) {
        sim.runUntil(TAPE_LINES, end);
        full.put(sim.swapTape(empty.take()));
      }
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      // END always fits: the queue has room for every tape and END.
      full.add(END);
      interrupted |= joinUninterruptibly(thread);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing the simulation");
    }
    if (writer.failure instanceof IOException e) {
      throw e;
    }
    if (writer.failure instanceof UncheckedIOException e) {
      throw e.getCause();
    }
    if (writer.failure instanceof RuntimeException e) {
      throw e;
    }
    if (writer.failure instanceof Error e) {
      throw e;
    }
    if (writer.failure != null) {
      throw new IOException("writing the simulation failed", writer.failure);
    }
    return writer.lines;
  }

  private static boolean joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        return interrupted;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  /** The second thread: formats each tape's lines before {@code end} and writes them. */
  private static final class Writer implements Runnable {
    private final LineFormatter formatter;
    private final long end;
    private final OutputStream stream;
    private final BlockingQueue<LineBuilder> full;
    private final BlockingQueue<LineBuilder> empty;
    volatile Throwable failure;
    long lines;

    Writer(
        LineFormatter formatter,
        long end,
        OutputStream stream,
        BlockingQueue<LineBuilder> full,
        BlockingQueue<LineBuilder> empty) {
      this.formatter = formatter;
      this.end = end;
      this.stream = stream;
      this.full = full;
      this.empty = empty;
    }

    @Override
    public void run() {
      try {
        for (LineBuilder tape = full.take(); tape != END; tape = full.take()) {
          // After a failure, tapes are only recycled, so that the simulating thread never waits.
          if (failure == null) {
            try {
              format(tape);
            } catch (Throwable t) {
              failure = t;
            }
          }
          tape.clear();
          empty.add(tape);
        }
        if (failure == null) {
          stream.write(formatter.buffer(), 0, formatter.length());
          stream.flush();
        }
      } catch (Throwable t) {
        if (failure == null) {
          failure = t;
        }
      }
    }

    private void format(LineBuilder tape) throws IOException {
      int n = tape.size();
      for (int i = 0; i < n && tape.times[i] < end; i++) {
        formatter.append(tape, i);
        lines++;
        if (formatter.length() >= BLOCK_BYTES) {
          stream.write(formatter.buffer(), 0, formatter.length());
          formatter.reset();
        }
      }
    }
  }
}
