package io.cscmon.flink.source;

import java.io.Serializable;

/**
 * A stream of records pulled by a {@link PullSource} reader: the simulator, or the in-JVM queue the
 * HTTP ingest writes to.
 */
public interface RecordFeed<T> extends AutoCloseable {

  /** The next record, or {@code null} when none is available right now. */
  T poll() throws Exception;

  /** Whether the feed has ended: {@link #poll()} will never return a record again. */
  boolean finished();

  @Override
  default void close() throws Exception {}

  /** Opens a feed on the task manager; shipped to it serialized. */
  interface Factory<T> extends Serializable {
    RecordFeed<T> open() throws Exception;
  }
}
