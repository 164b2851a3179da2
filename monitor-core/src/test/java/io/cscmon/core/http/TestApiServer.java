package io.cscmon.core.http;

import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.ingest.BoundedLineSink;
import io.cscmon.core.ingest.LineSink;
import io.cscmon.core.manager.Acks;
import io.cscmon.core.manager.AlertManager;
import io.cscmon.core.manager.AlertQuery;
import io.cscmon.core.manager.NotificationDispatcher;
import io.cscmon.core.manager.Silences;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.parse.EventParser;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The {@link ApiServer} the http tests start: on loopback and an ephemeral port, ready, with a
 * small sink, a manager that notifies no one and stores on the system clock, unless a test says
 * otherwise. One place, so that a new constructor argument is one change rather than ten.
 */
final class TestApiServer {

  static final String HOST = "127.0.0.1";

  private final Vertx vertx;
  private final Metrics metrics;
  private ApiConfig config = ApiConfig.onPort(0).withHost(HOST);
  private LineSink sink = new BoundedLineSink(10);
  private AlertQuery alerts;
  private AlertJson json = new AlertJson();
  private Readiness ready = Optional::empty;
  private Silences silences = new Silences(Clock.systemUTC());
  private Acks acks = new Acks(Clock.systemUTC());

  private TestApiServer(Vertx vertx, Metrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
  }

  /** A server whose ingest and alert meters and {@code /metrics} are those of {@code metrics}. */
  static TestApiServer on(Vertx vertx, Metrics metrics) {
    return new TestApiServer(vertx, metrics);
  }

  TestApiServer config(ApiConfig config) {
    this.config = config;
    return this;
  }

  TestApiServer sink(LineSink sink) {
    this.sink = sink;
    return this;
  }

  TestApiServer alerts(AlertQuery alerts) {
    this.alerts = alerts;
    return this;
  }

  TestApiServer json(AlertJson json) {
    this.json = json;
    return this;
  }

  TestApiServer ready(BooleanSupplier ready) {
    return ready(Readiness.when(ready, "not ready"));
  }

  TestApiServer ready(Readiness ready) {
    this.ready = ready;
    return this;
  }

  TestApiServer stores(Silences silences, Acks acks) {
    this.silences = silences;
    this.acks = acks;
    return this;
  }

  ApiServer build() {
    return new ApiServer(
        vertx,
        config,
        new EventParser(),
        sink,
        metrics.ingest(),
        alerts != null ? alerts : new AlertManager(metrics.alerts(), NotificationDispatcher.NONE),
        json,
        metrics.registry(),
        ready,
        silences,
        acks);
  }

  /** Starts {@code server} and answers its port once it listens. */
  static int startAndWait(ApiServer server) throws Exception {
    return server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static void stopAndWait(ApiServer server) throws Exception {
    server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
