package io.cscmon.core.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Makes the body handler read an ingest body as plain bytes whatever its Content-Type. {@code curl
 * --data-binary @file} labels NDJSON application/x-www-form-urlencoded unless told otherwise; the
 * body handler would then decode it as a form and answer 400 to any body over a kilobyte, losing
 * every valid line in it. A platform handler, because Vert.x runs those before the body handler.
 */
final class NdjsonBody implements PlatformHandler {

  @Override
  public void handle(RoutingContext ctx) {
    ctx.request().headers().remove(HttpHeaders.CONTENT_TYPE);
    ctx.next();
  }
}
