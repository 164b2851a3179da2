package io.cscmon.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.manager.EmergencyActivations;
import io.cscmon.core.manager.EmergencyActivations.Activation;
import io.cscmon.core.manager.EmergencyActivations.State;
import io.cscmon.core.manager.EmergencyActivations.Step;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handlers of {@code /api/v1/emergencies}: the activations with their timelines, and the
 * operators' lifecycle moves. {@link ApiServer#routeTable()} names them, with their roles.
 */
final class EmergencyRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(EmergencyRoutes.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final EmergencyActivations emergencies;
  private final ZoneId zone;

  EmergencyRoutes(EmergencyActivations emergencies, ZoneId zone) {
    this.emergencies = emergencies;
    this.zone = zone;
  }

  /** Every activation, the most recently opened first, each with its whole timeline. */
  void list(RoutingContext ctx) {
    ArrayNode data = MAPPER.createArrayNode();
    emergencies.list().forEach(a -> data.add(toJson(a)));
    ApiServer.success(ctx, 200, data);
  }

  /**
   * {@code {"state": "responding", "comment": "..."}}; {@code by} defaults to the token's name. An
   * unknown id is 404, a move the lifecycle does not allow 409.
   */
  void changeState(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    JsonNode body;
    State target;
    try {
      body = ApiServer.jsonBody(ctx);
      if (!body.path("state").isTextual()) {
        throw new IllegalArgumentException(
            "'state' is required: acknowledged, responding or closed");
      }
      target = State.fromWire(body.path("state").asText());
    } catch (IllegalArgumentException e) {
      Responses.error(ctx, 400, e.getMessage());
      return;
    }
    String by = body.path("by").asText("");
    if (by.isBlank()) {
      by = BearerAuth.caller(ctx).map(Principal::name).orElse("");
    }
    try {
      Activation moved = emergencies.move(id, target, by, body.path("comment").asText(""));
      LOG.info("emergency activation {} is {} (by {})", id, target.wireName(), by);
      ApiServer.success(ctx, 200, toJson(moved));
    } catch (NoSuchElementException e) {
      Responses.error(ctx, 404, e.getMessage());
    } catch (IllegalArgumentException e) {
      Responses.error(ctx, 400, e.getMessage());
    } catch (IllegalStateException e) {
      Responses.error(ctx, 409, e.getMessage());
    }
  }

  private ObjectNode toJson(Activation a) {
    ObjectNode o =
        MAPPER
            .createObjectNode()
            .put("id", a.id())
            .put("center", a.center())
            .put("fingerprint", a.fingerprint())
            .put("startsAt", AlertTime.format(a.startsAt(), zone))
            .put("state", a.state().wireName())
            .put("level", a.level().label());
    ArrayNode timeline = o.putArray("timeline");
    for (Step s : a.timeline()) {
      timeline
          .addObject()
          .put("state", s.state().wireName())
          .put("level", s.level().label())
          .put("at", AlertTime.format(s.at(), zone))
          .put("by", s.by())
          .put("comment", s.comment());
    }
    return o;
  }
}
