package io.cscmon.core.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * One entry of the API's route table: what it answers, who may call it, and the handler.
 *
 * @param path Vert.x form, {@code :name} for a path parameter
 * @param role the least role a token must have; {@code null}: open to all
 * @param contract a CONTRACT §3 endpoint: open unless the tokens file sets {@code
 *     protect_contract_endpoints}, whatever {@code role} says
 * @param bodyLimit largest body read, in bytes; 0 when the call takes no body
 * @param action what the audit log calls this change ({@code silence.save}); {@code null}: not
 *     audited (reads, and the event ingest, which is data rather than a change of the service)
 */
record ApiRoute(
    HttpMethod method,
    String path,
    Role role,
    boolean contract,
    long bodyLimit,
    String action,
    Handler<RoutingContext> handler) {

  static ApiRoute open(HttpMethod method, String path, Handler<RoutingContext> handler) {
    return new ApiRoute(method, path, null, false, 0, null, handler);
  }

  static ApiRoute read(Role role, String path, Handler<RoutingContext> handler) {
    return new ApiRoute(HttpMethod.GET, path, role, false, 0, null, handler);
  }

  /** A change, audited as {@code action}. */
  static ApiRoute change(
      Role role,
      HttpMethod method,
      String path,
      long bodyLimit,
      String action,
      Handler<RoutingContext> handler) {
    return new ApiRoute(method, path, role, false, bodyLimit, action, handler);
  }

  /** The route's path in OpenAPI's form: {@code /api/v1/silences/{id}}. */
  String openApiPath() {
    return path.replaceAll(":([A-Za-z_]+)", "{$1}");
  }

  /** The role a call needs under these tokens, or {@code null} when it is open. */
  Role required(Tokens tokens) {
    if (contract && !tokens.protectContractEndpoints()) {
      return null;
    }
    return role;
  }

  /** Mutating: anything but a read. */
  boolean mutating() {
    return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
  }
}
