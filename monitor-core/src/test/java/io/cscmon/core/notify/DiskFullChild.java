package io.cscmon.core.notify;

import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.http.ApiConfig;
import io.cscmon.core.http.ApiServer;
import io.cscmon.core.ingest.BoundedLineSink;
import io.cscmon.core.manager.Acks;
import io.cscmon.core.manager.AlertPipeline;
import io.cscmon.core.manager.Silences;
import io.cscmon.core.metrics.Metrics;
import io.cscmon.core.parse.EventParser;
import io.cscmon.core.testing.TestAlerts;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A separate JVM for {@link OutboxDiskFullTest}, started under a file-size limit: the alert
 * pipeline with its outbox in {@code args[0]} notifying {@code args[1]}, and the HTTP API. Prints
 * {@code port N}, then raises an urgent alert for each {@code fire NAME} line on stdin.
 */
public final class DiskFullChild {
  private DiskFullChild() {}

  public static void main(String[] args) throws Exception {
    Metrics metrics = Metrics.create();
    AlertJson json = new AlertJson();
    AlertPipeline pipeline =
        AlertPipeline.start(
            null,
            List.of(URI.create(args[1])),
            null,
            Path.of(args[0]),
            json,
            metrics,
            Clock.systemUTC(),
            "http://cscmon.test");
    ApiServer api =
        new ApiServer(
            Vertx.vertx(),
            ApiConfig.onPort(0).withHost("127.0.0.1"),
            new EventParser(),
            new BoundedLineSink(1_000_000),
            metrics.ingest(),
            pipeline.manager(),
            json,
            metrics.registry(),
            java.util.Optional::empty,
            new Silences(Clock.systemUTC()),
            new Acks(Clock.systemUTC()));
    int port = api.start().toCompletionStage().toCompletableFuture().get();
    System.out.println("port " + port);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("fire ")) {
        String queue = line.substring(5);
        pipeline.manager().receive(TestAlerts.firing(queue, "I", System.currentTimeMillis()));
        System.out.println("fired " + queue);
      }
    }
  }
}
