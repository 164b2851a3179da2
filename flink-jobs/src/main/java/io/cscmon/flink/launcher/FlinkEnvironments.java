package io.cscmon.flink.launcher;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The execution environments the launcher runs jobs on. */
final class FlinkEnvironments {
  private FlinkEnvironments() {}

  /**
   * Where the service's embedded cluster serves Flink's own metrics (records in and out,
   * watermarks, checkpoints, backpressure) for Prometheus: the first free port of the range, so
   * that a second service on the same machine takes the next one instead of losing its reporter.
   * {@code dashboards/prometheus.yml} scrapes the first.
   */
  static final String FLINK_METRICS_PORTS = "9249-9259";

  /**
   * A system property that moves the reporter elsewhere (a port or a range): tests that scrape it
   * use a free port rather than the well-known range another service may hold.
   */
  static final String FLINK_METRICS_PORTS_PROPERTY = "cscmon.flink.metrics.ports";

  private static final ConfigOption<String> PROMETHEUS_FACTORY =
      ConfigOptions.key("metrics.reporter.prom.factory.class").stringType().noDefaultValue();
  private static final ConfigOption<String> PROMETHEUS_PORT =
      ConfigOptions.key("metrics.reporter.prom.port").stringType().noDefaultValue();

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
    return create(withDefaults(conf), parallelism);
  }

  /**
   * The embedded cluster of a long-running service ({@code demo}, {@code run}): as {@link
   * #embedded}, with Flink's Prometheus reporter on {@link #FLINK_METRICS_PORTS}.
   */
  static StreamExecutionEnvironment serving(int parallelism) {
    return serving(parallelism, new Configuration());
  }

  static StreamExecutionEnvironment serving(int parallelism, Configuration conf) {
    withDefaults(conf);
    conf.set(PROMETHEUS_FACTORY, "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    conf.set(
        PROMETHEUS_PORT, System.getProperty(FLINK_METRICS_PORTS_PROPERTY, FLINK_METRICS_PORTS));
    return create(conf, parallelism);
  }

  private static Configuration withDefaults(Configuration conf) {
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    // The embedded cluster's own web UI is not needed; keep its REST endpoint off a fixed port.
    conf.set(RestOptions.BIND_PORT, "0");
    return conf;
  }

  private static StreamExecutionEnvironment create(Configuration conf, int parallelism) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    if (parallelism > 0) {
      env.setParallelism(parallelism);
    }
    return env;
  }
}
