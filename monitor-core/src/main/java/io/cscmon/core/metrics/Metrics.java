package io.cscmon.core.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The process's metrics: one Prometheus registry with the JVM binders, and the cscmon binders on
 * it. Create one per process and close it on shutdown (the GC binder holds JMX listeners).
 */
public final class Metrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final IngestMetrics ingest;
  private final AlertMetrics alerts;
  private final NotificationMetrics notifications;
  private final AlertManagerMetrics alertManager;

  private Metrics(PrometheusMeterRegistry registry, JvmGcMetrics gc) {
    this.registry = registry;
    this.gc = gc;
    this.ingest = new IngestMetrics(registry);
    this.alerts = new AlertMetrics(registry);
    this.notifications = new NotificationMetrics(registry);
    this.alertManager = new AlertManagerMetrics(registry);
  }

  /** A registry with JVM memory, GC, thread, class-loader, CPU and uptime metrics. */
  public static Metrics create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return new Metrics(registry, gc);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public IngestMetrics ingest() {
    return ingest;
  }

  public AlertMetrics alerts() {
    return alerts;
  }

  public NotificationMetrics notifications() {
    return notifications;
  }

  public AlertManagerMetrics alertManager() {
    return alertManager;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
