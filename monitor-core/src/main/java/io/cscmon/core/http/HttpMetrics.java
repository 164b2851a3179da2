package io.cscmon.core.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server's own limits: {@code cscmon_http_rate_limited_total} (ingest requests refused
 * with 429), {@code cscmon_http_connections_refused_total} (requests refused with 503 because the
 * server had its maximum of connections) and {@code cscmon_http_connections} (open now).
 */
final class HttpMetrics {

  private final Counter rateLimited;
  private final Counter connectionsRefused;
  final AtomicInteger connections = new AtomicInteger();

  HttpMetrics(MeterRegistry registry) {
    rateLimited =
        Counter.builder("cscmon.http.rate.limited")
            .description(
                "Ingest requests refused with 429: the client sent more events/s than allowed")
            .register(registry);
    connectionsRefused =
        Counter.builder("cscmon.http.connections.refused")
            .description("Requests answered 503 because the server had its maximum of connections")
            .register(registry);
    Gauge.builder("cscmon.http.connections", connections, AtomicInteger::get)
        .description("HTTP connections open now")
        .register(registry);
  }

  void rateLimited() {
    rateLimited.increment();
  }

  void connectionRefused() {
    connectionsRefused.increment();
  }
}
