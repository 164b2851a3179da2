package io.cscmon.core.ingest;

import java.util.ArrayList;
import java.util.List;

/** A real, in-memory {@link LineSink} with a capacity in lines, for tests. */
public final class BoundedLineSink implements LineSink {

  private final int capacity;
  private final List<String> lines = new ArrayList<>();

  public BoundedLineSink(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public synchronized boolean offer(List<String> batch) {
    if (lines.size() + batch.size() > capacity) {
      return false;
    }
    lines.addAll(batch);
    return true;
  }

  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}
