package io.cscmon.flink.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A local webhook receiver for Alertmanager webhook (v4) notifications, one path per system under
 * test; it keeps each firing alert of each notification with the wall time it arrived.
 */
final class BenchWebhooks implements AutoCloseable {

  /** One firing alert as a notification carried it. */
  record Arrival(String system, long wallMillis, Map<String, String> labels) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
  private final List<String> malformed = new CopyOnWriteArrayList<>();

  BenchWebhooks(List<String> systems) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    for (String system : systems) {
      server.createContext("/" + system, exchange -> receive(system, exchange));
    }
    server.start();
  }

  URI url(String system) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + system);
  }

  List<Arrival> arrivals() {
    return List.copyOf(arrivals);
  }

  /** Notifications that were not Alertmanager webhook JSON (a broken sender, reported). */
  List<String> malformed() {
    return List.copyOf(malformed);
  }

  private void receive(String system, HttpExchange exchange) throws IOException {
    long now = System.currentTimeMillis();
    byte[] body = exchange.getRequestBody().readAllBytes();
    try {
      JsonNode alerts = JSON.readTree(body).path("alerts");
      for (JsonNode alert : alerts) {
        if (!"firing".equals(alert.path("status").asText())) {
          continue;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        alert
            .path("labels")
            .fields()
            .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        arrivals.add(new Arrival(system, now, labels));
      }
      exchange.sendResponseHeaders(200, -1);
    } catch (IOException e) {
      malformed.add(system + ": " + e.getMessage());
      exchange.sendResponseHeaders(400, -1);
    } finally {
      exchange.close();
    }
  }

  /** The first firing alert of {@code system} at or after {@code fromWall} that {@code match}es. */
  static Arrival first(
      List<Arrival> arrivals, String system, long fromWall, Predicate<Map<String, String>> match) {
    Arrival best = null;
    for (Arrival a : new ArrayList<>(arrivals)) {
      if (a.system().equals(system)
          && a.wallMillis() >= fromWall
          && match.test(a.labels())
          && (best == null || a.wallMillis() < best.wallMillis())) {
        best = a;
      }
    }
    return best;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
