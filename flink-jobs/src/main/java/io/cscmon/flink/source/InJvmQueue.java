package io.cscmon.flink.source;

import io.cscmon.core.ingest.LineSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded queue of lines between the HTTP ingest and the embedded Flink job of the same JVM. The
 * HTTP side offers whole requests (all or nothing, so a 202 means every accepted line is queued);
 * the job's {@link PullSource} drains it. Queues are found by name because Flink ships the source
 * to its task serialized, and a name is all that survives the trip. Without Kafka this path is at
 * most once across a crash; the Kafka topology makes ingest durable.
 */
public final class InJvmQueue implements LineSink {

  private static final Map<String, InJvmQueue> QUEUES = new ConcurrentHashMap<>();

  private final String name;
  private final BlockingQueue<RawLine> lines;

  private InJvmQueue(String name, int capacity) {
    this.name = name;
    this.lines = new ArrayBlockingQueue<>(capacity);
  }

  /** Creates (or replaces) the queue with this name. */
  public static InJvmQueue create(String name, int capacity) {
    InJvmQueue queue = new InJvmQueue(name, capacity);
    QUEUES.put(name, queue);
    return queue;
  }

  public static void remove(String name) {
    QUEUES.remove(name);
  }

  /**
   * Queues all of {@code batch} or none of it. Synchronized so that two requests cannot interleave
   * their capacity checks. The HTTP ingest validated and counted these lines already.
   */
  @Override
  public synchronized boolean offer(List<String> batch) {
    if (lines.remainingCapacity() < batch.size()) {
      return false;
    }
    long n = 0;
    for (String text : batch) {
      lines.add(new RawLine("http", ++n, text, true));
    }
    return true;
  }

  public int size() {
    return lines.size();
  }

  /** The feed a {@link PullSource} reads this queue through. */
  public static RecordFeed.Factory<RawLine> feed(String name) {
    return () -> {
      InJvmQueue queue = QUEUES.get(name);
      if (queue == null) {
        throw new IllegalStateException("no in-JVM ingest queue named " + name);
      }
      return new RecordFeed<>() {
        @Override
        public RawLine poll() {
          return queue.lines.poll();
        }

        @Override
        public boolean finished() {
          return false;
        }
      };
    };
  }

  public String name() {
    return name;
  }
}
