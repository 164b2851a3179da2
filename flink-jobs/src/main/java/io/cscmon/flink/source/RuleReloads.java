package io.cscmon.flink.source;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Rule files on their way from the launcher (the rules directory watcher, the reload endpoint) to
 * the embedded job's broadcast input. Found by name, like {@link InJvmQueue}, because Flink ships
 * the source to its task serialized.
 */
public final class RuleReloads {
  private RuleReloads() {}

  private static final Map<String, BlockingQueue<Map<String, String>>> QUEUES =
      new ConcurrentHashMap<>();

  /** Creates (or replaces) the channel with this name. */
  public static void create(String name) {
    QUEUES.put(name, new LinkedBlockingQueue<>());
  }

  public static void remove(String name) {
    QUEUES.remove(name);
  }

  /** Sends a complete set of rule files (name → text) to the job. */
  public static void send(String name, Map<String, String> files) {
    BlockingQueue<Map<String, String>> queue = QUEUES.get(name);
    if (queue == null) {
      throw new IllegalStateException("no rule reload channel named " + name);
    }
    queue.add(Map.copyOf(files));
  }

  /** The feed a {@link PullSource} reads the channel through. */
  public static RecordFeed.Factory<Map<String, String>> feed(String name) {
    return () -> {
      BlockingQueue<Map<String, String>> queue = QUEUES.get(name);
      if (queue == null) {
        throw new IllegalStateException("no rule reload channel named " + name);
      }
      return new RecordFeed<>() {
        @Override
        public Map<String, String> poll() {
          Map<String, String> files = queue.poll();
          return files == null ? null : new java.util.HashMap<>(files);
        }

        @Override
        public boolean finished() {
          return false;
        }
      };
    };
  }
}
