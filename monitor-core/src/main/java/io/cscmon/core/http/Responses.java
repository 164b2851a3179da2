package io.cscmon.core.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The API's response shapes, so every handler answers errors and JSON the same way. */
final class Responses {
  private Responses() {}

  static final String JSON = "application/json; charset=utf-8";

  static Future<Void> json(RoutingContext ctx, int status, String body) {
    return ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body);
  }

  static Future<Void> json(RoutingContext ctx, int status, JsonObject body) {
    return json(ctx, status, body.encode());
  }

  static Future<Void> text(RoutingContext ctx, int status, String contentType, String body) {
    return ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body);
  }

  /** {@code {"status":"error","error":MESSAGE}}, the shape of every error answer. */
  static Future<Void> error(RoutingContext ctx, int status, String message) {
    if (ctx.response().headWritten()) {
      // Too late for a status; all that is left is to stop.
      ctx.response().reset();
      return Future.succeededFuture();
    }
    return json(ctx, status, new JsonObject().put("status", "error").put("error", message));
  }
}
