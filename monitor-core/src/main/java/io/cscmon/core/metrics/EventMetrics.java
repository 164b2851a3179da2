package io.cscmon.core.metrics;

import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.Event;
import io.cscmon.core.event.HealthEvent;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The metrics the job derives from the event stream itself rather than from its KPIs: component
 * health ({@link ComponentHealthMetrics}) and security ({@link SecurityMetrics}). The job's event
 * metrics sinks hand every event that passed event-time assignment here; agent events carry nothing
 * these dashboards need and are ignored.
 */
public final class EventMetrics {

  private final ComponentHealthMetrics health;
  private final SecurityMetrics security;

  public EventMetrics(MeterRegistry registry) {
    this.health = new ComponentHealthMetrics(registry);
    this.security = new SecurityMetrics(registry);
  }

  public void record(Event event) {
    if (event instanceof HealthEvent e) {
      health.record(e);
    } else if (event instanceof AuthEvent e) {
      security.record(e);
    } else if (event instanceof AccessEvent e) {
      security.record(e);
    } else if (event instanceof CallEvent e) {
      security.record(e);
    }
  }
}
