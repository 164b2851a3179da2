package io.cscmon.core.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Blocking JDK-client requests for the http tests that assert outside the event loop. */
final class HttpCalls {

  private HttpCalls() {}

  /** {@code method path} with {@code body} (null: none) and a bearer {@code token} (null: none). */
  static HttpResponse<String> send(
      HttpClient http, String base, String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
