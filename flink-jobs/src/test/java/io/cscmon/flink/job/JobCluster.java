package io.cscmon.flink.job;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster the job tests run the whole detection job on, and their environment on it. */
final class JobCluster {

  private JobCluster() {}

  /**
   * One TaskManager with two slots: the job at parallelism 2, so that keyed streams are really
   * partitioned and sinks see them interleaved.
   */
  static MiniClusterExtension twoSlots() {
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());
  }

  /**
   * The test's cluster at {@code parallelism}, generic types refused: a record type that would fall
   * back to Kryo fails the test instead of slowing the job down unnoticed.
   */
  static StreamExecutionEnvironment environment(int parallelism) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    env.configure(conf);
    env.setParallelism(parallelism);
    return env;
  }
}
