package io.cscmon.core.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxTestContext;

/**
 * A started test server and Vert.x requests to it on loopback, with a bearer token when one is
 * given.
 */
final class LocalClient {

  private final ApiServer server;
  private final WebClient client;
  private int port;

  private LocalClient(ApiServer server, WebClient client) {
    this.server = server;
    this.client = client;
  }

  /** Starts {@code server}, completing {@code tc} once it listens, and a client to it. */
  static LocalClient start(ApiServer server, WebClient client, VertxTestContext tc) {
    LocalClient local = new LocalClient(server, client);
    server
        .start()
        .onComplete(
            tc.succeeding(
                p -> {
                  local.port = p;
                  tc.completeNow();
                }));
    return local;
  }

  /** A request to {@code path}; {@code token} null sends none. */
  HttpRequest<Buffer> request(HttpMethod method, String path, String token) {
    HttpRequest<Buffer> request = client.request(method, port, TestApiServer.HOST, path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request;
  }

  /** Closes the client and stops the server, completing {@code tc} once it has. */
  void stop(VertxTestContext tc) {
    client.close();
    server.stop().onComplete(tc.succeedingThenComplete());
  }
}
