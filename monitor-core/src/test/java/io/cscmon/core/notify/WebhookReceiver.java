package io.cscmon.core.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A real local HTTP receiver (the JDK's server on an ephemeral port) that records every request and
 * answers with scripted statuses, then 200.
 */
final class WebhookReceiver implements AutoCloseable {

  record Request(String method, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private int defaultStatus = 200;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          int status;
          synchronized (this) {
            requests.add(
                new Request(
                    exchange.getRequestMethod(), Map.copyOf(exchange.getRequestHeaders()), body));
            status = statuses.isEmpty() ? defaultStatus : statuses.poll();
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  /** The next requests get these statuses, in order; later ones the default. */
  synchronized WebhookReceiver answer(Integer... codes) {
    statuses.addAll(List.of(codes));
    return this;
  }

  synchronized WebhookReceiver answerAlways(int status) {
    defaultStatus = status;
    return this;
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
