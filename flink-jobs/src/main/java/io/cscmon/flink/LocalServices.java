package io.cscmon.flink;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Services of this JVM that the operators of an embedded job hand their results to: the alert
 * manager and the ingest metrics of the HTTP server. Flink ships operators to their tasks
 * serialized, so operators carry a name and look the service up here when they open. On a real
 * cluster the lookup finds nothing and the operators use their Flink-only paths (metrics through
 * Flink's reporter, alerts through Kafka).
 */
public final class LocalServices {
  private LocalServices() {}

  private static final Map<String, Object> SERVICES = new ConcurrentHashMap<>();

  public static void register(String name, Object service) {
    SERVICES.put(name, service);
  }

  public static void unregister(String name) {
    SERVICES.remove(name);
  }

  public static <T> Optional<T> find(String name, Class<T> type) {
    if (name == null) {
      return Optional.empty();
    }
    Object service = SERVICES.get(name);
    return type.isInstance(service) ? Optional.of(type.cast(service)) : Optional.empty();
  }
}
