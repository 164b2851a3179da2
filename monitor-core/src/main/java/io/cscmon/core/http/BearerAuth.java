package io.cscmon.core.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code Authorization: Bearer <token>} on a route: 401 with {@code WWW-Authenticate: Bearer} when
 * the token is missing or unknown, 403 when its role is too low, otherwise the call goes on with
 * its {@link Principal} in the context. Nothing here logs a header: tokens stay out of logs.
 */
public final class BearerAuth {

  private static final String PRINCIPAL = "cscmon.principal";
  private static final String REALM = "Bearer realm=\"cscmon\"";

  private final Tokens tokens;

  public BearerAuth(Tokens tokens) {
    this.tokens = tokens;
  }

  public Tokens tokens() {
    return tokens;
  }

  /** A handler that lets a call through only with a token of at least {@code required}. */
  public Handler<RoutingContext> require(Role required) {
    return ctx -> {
      Optional<Principal> who = principal(ctx);
      if (who.isEmpty()) {
        return; // answered
      }
      if (!who.get().role().includes(required)) {
        Responses.error(
            ctx,
            403,
            "this call needs role "
                + required.wireName()
                + "; token '"
                + who.get().name()
                + "' has role "
                + who.get().role().wireName());
        return;
      }
      ctx.put(PRINCIPAL, who.get());
      ctx.next();
    };
  }

  /** Who made the call, when a guard let it through with a token; empty on open routes. */
  public static Optional<Principal> caller(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(PRINCIPAL));
  }

  /** The caller, or answers 401 and returns empty. */
  private Optional<Principal> principal(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.isBlank()) {
      unauthorized(ctx, REALM, "this call needs a bearer token (Authorization: Bearer TOKEN)");
      return Optional.empty();
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      unauthorized(
          ctx,
          REALM + ", error=\"invalid_request\"",
          "the Authorization header must be 'Bearer TOKEN'");
      return Optional.empty();
    }
    Optional<Principal> who = tokens.authenticate(header.substring(7).trim());
    if (who.isEmpty()) {
      unauthorized(ctx, REALM + ", error=\"invalid_token\"", "unknown token");
    }
    return who;
  }

  private static void unauthorized(RoutingContext ctx, String challenge, String message) {
    ctx.response().putHeader("WWW-Authenticate", challenge);
    Responses.error(ctx, 401, message);
  }
}
