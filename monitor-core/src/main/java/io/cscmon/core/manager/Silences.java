package io.cscmon.core.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.journal.Journal;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The silences, kept in memory and, when given a {@link Journal}, on disk: every create, update and
 * expiry appends the silence's new state, and opening replays them (the last state of an id wins).
 * Expired silences are kept for {@link #RETENTION} so the API can still show them, then forgotten;
 * the journal is compacted on open.
 *
 * <p>Times are wall-clock: a silence is what an operator says about the hours ahead.
 */
public final class Silences {

  /** How long an expired silence stays listed; Alertmanager's default. */
  public static final Duration RETENTION = Duration.ofDays(5);

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Comparator<Silence> ORDER =
      Comparator.comparingLong(Silence::startsAt).thenComparing(Silence::id);

  private final Clock clock;
  private final Journal journal;
  private final Map<String, Silence> byId = new LinkedHashMap<>();

  /** Silences in memory only. */
  public Silences(Clock clock) {
    this(clock, null);
  }

  public Silences(Clock clock, Journal journal) {
    this.clock = clock;
    this.journal = journal;
    if (journal != null) {
      for (String record : journal.recovered()) {
        Silence s = decode(record);
        byId.put(s.id(), s);
      }
      forgetOld();
      journal.rewrite(byId.values().stream().map(Silences::encode).toList());
    }
  }

  public long now() {
    return clock.millis();
  }

  /**
   * Creates a silence, or replaces the one with the same id (an edit): {@code draft.id()} empty
   * creates. Returns the stored silence with its id.
   */
  public synchronized Silence save(Silence draft) {
    long now = now();
    String id = draft.id();
    if (id.isEmpty()) {
      id = UUID.randomUUID().toString();
    } else {
      Silence old = byId.get(id);
      if (old == null) {
        throw new java.util.NoSuchElementException("no silence " + id);
      }
      if (old.state(now) == Silence.State.EXPIRED) {
        throw new IllegalArgumentException("silence " + id + " has expired and cannot be changed");
      }
    }
    Silence stored =
        new Silence(
            id,
            draft.matchers(),
            draft.startsAt(),
            draft.endsAt(),
            draft.createdBy(),
            draft.comment(),
            now);
    if (stored.state(now) == Silence.State.EXPIRED) {
      throw new IllegalArgumentException("endsAt is in the past");
    }
    put(stored);
    return stored;
  }

  /** Ends the silence now; returns it, or empty when there is no such silence. */
  public synchronized Optional<Silence> expire(String id) {
    Silence old = byId.get(id);
    if (old == null) {
      return Optional.empty();
    }
    Silence ended = old.expiredAt(now());
    if (ended != old) {
      put(ended);
    }
    return Optional.of(ended);
  }

  public synchronized Optional<Silence> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every silence not yet forgotten, by start time. */
  public synchronized List<Silence> list() {
    forgetOld();
    List<Silence> out = new ArrayList<>(byId.values());
    out.sort(ORDER);
    return out;
  }

  /** The ids of the active silences that mute {@code labels}; empty when none does. */
  public synchronized List<String> mutedBy(Map<String, String> labels) {
    long now = now();
    List<String> ids = new ArrayList<>();
    for (Silence s : byId.values()) {
      if (s.mutes(labels, now)) {
        ids.add(s.id());
      }
    }
    return ids;
  }

  public boolean mutes(Map<String, String> labels) {
    return !mutedBy(labels).isEmpty();
  }

  private void put(Silence s) {
    if (journal != null) {
      journal.append(encode(s));
    }
    byId.put(s.id(), s);
  }

  private void forgetOld() {
    long horizon = now() - RETENTION.toMillis();
    byId.values().removeIf(s -> s.endsAt() < horizon);
  }

  /** Alertmanager's API v2 silence object, with its status. */
  public ObjectNode toJson(Silence s) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", s.id());
    node.putObject("status").put("state", s.state(now()).wireName());
    node.put("updatedAt", AlertTime.format(s.updatedAt(), ZoneOffset.UTC));
    ArrayNode matchers = node.putArray("matchers");
    for (Matcher m : s.matchers()) {
      matchers
          .addObject()
          .put("name", m.name())
          .put("value", m.value())
          .put("isRegex", m.type().isRegex())
          .put("isEqual", m.type().isEqual());
    }
    node.put("startsAt", AlertTime.format(s.startsAt(), ZoneOffset.UTC));
    node.put("endsAt", AlertTime.format(s.endsAt(), ZoneOffset.UTC));
    node.put("createdBy", s.createdBy());
    node.put("comment", s.comment());
    return node;
  }

  /**
   * Reads a silence as Alertmanager's API v2 {@code postableSilence}: {@code id} (optional, for an
   * edit), {@code matchers} [{name, value, isRegex, isEqual (default true)}], {@code startsAt}
   * (optional, default now), {@code endsAt}, {@code createdBy}, {@code comment}. Throws {@link
   * IllegalArgumentException} naming what is wrong.
   */
  public Silence fromJson(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("a silence is a JSON object");
    }
    List<Matcher> matchers = new ArrayList<>();
    JsonNode list = node.path("matchers");
    if (!list.isArray()) {
      throw new IllegalArgumentException("matchers: a list is required");
    }
    for (JsonNode m : list) {
      if (!m.path("name").isTextual() || !m.path("value").isTextual()) {
        throw new IllegalArgumentException("matchers: each needs a name and a value");
      }
      matchers.add(
          new Matcher(
              m.path("name").asText(),
              Matcher.Type.of(
                  m.path("isRegex").asBoolean(false), m.path("isEqual").asBoolean(true)),
              m.path("value").asText()));
    }
    long startsAt = node.hasNonNull("startsAt") ? time(node, "startsAt") : now();
    if (!node.hasNonNull("endsAt")) {
      throw new IllegalArgumentException("endsAt is required");
    }
    return new Silence(
        node.path("id").asText(""),
        matchers,
        startsAt,
        time(node, "endsAt"),
        node.path("createdBy").asText(""),
        node.path("comment").asText(""),
        now());
  }

  private static long time(JsonNode node, String field) {
    try {
      return AlertTime.parse(node.path(field).asText());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(field + ": not an RFC 3339 time");
    }
  }

  private static String encode(Silence s) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", s.id());
    ArrayNode matchers = node.putArray("matchers");
    s.matchers().forEach(m -> matchers.add(m.toString()));
    node.put("startsAt", s.startsAt());
    node.put("endsAt", s.endsAt());
    node.put("createdBy", s.createdBy());
    node.put("comment", s.comment());
    node.put("updatedAt", s.updatedAt());
    return node.toString();
  }

  private static Silence decode(String record) {
    try {
      JsonNode n = MAPPER.readTree(record);
      List<Matcher> matchers = new ArrayList<>();
      n.path("matchers").forEach(m -> matchers.add(Matcher.parse(m.asText())));
      return new Silence(
          n.path("id").asText(),
          matchers,
          n.path("startsAt").asLong(),
          n.path("endsAt").asLong(),
          n.path("createdBy").asText(),
          n.path("comment").asText(),
          n.path("updatedAt").asLong());
    } catch (IOException e) {
      throw new IllegalStateException("corrupt silence record: " + record, e);
    }
  }
}
