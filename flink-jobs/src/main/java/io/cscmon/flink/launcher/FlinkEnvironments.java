package io.cscmon.flink.launcher;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The execution environments the launcher runs jobs on. */
final class FlinkEnvironments {
  private FlinkEnvironments() {}

  /**
   * An embedded MiniCluster (or, when the jar was submitted with Flink's client, that cluster).
   * Generic types are off: every type on the data path has a Flink serializer, and a type that
   * would fall back to Kryo fails the job at start instead of slowing it down in production.
   */
  static StreamExecutionEnvironment embedded(int parallelism) {
    return embedded(parallelism, new Configuration());
  }

  /** As {@link #embedded(int)}, with further settings (checkpoints, the state to restore). */
  static StreamExecutionEnvironment embedded(int parallelism, Configuration conf) {
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    // The embedded cluster's own web UI is not needed; keep its REST endpoint off a fixed port.
    conf.set(RestOptions.BIND_PORT, "0");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    if (parallelism > 0) {
      env.setParallelism(parallelism);
    }
    return env;
  }
}
