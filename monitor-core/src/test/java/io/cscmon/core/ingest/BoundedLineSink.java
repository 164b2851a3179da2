package io.cscmon.core.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * A real, in-memory {@link LineSink} with a capacity in lines, for tests; its store can be taken
 * down ({@link #down}), as a Kafka topic can.
 */
public final class BoundedLineSink implements LineSink {

  private final int capacity;
  private final List<String> lines = new ArrayList<>();
  private String down;

  public BoundedLineSink(int capacity) {
    this.capacity = capacity;
  }

  /**
   * From now on every offer is refused as {@link OfferResult.Unavailable} with {@code reason}; null
   * brings the store back.
   */
  public synchronized void down(String reason) {
    this.down = reason;
  }

  @Override
  public synchronized OfferResult submit(List<String> batch) {
    if (down != null) {
      return new OfferResult.Unavailable(down);
    }
    return offer(batch) ? OfferResult.TAKEN : OfferResult.FULL;
  }

  @Override
  public synchronized boolean offer(List<String> batch) {
    if (down != null || lines.size() + batch.size() > capacity) {
      return false;
    }
    lines.addAll(batch);
    return true;
  }

  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}
