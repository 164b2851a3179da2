package io.cscmon.core.alert;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The alert fingerprint: 64-bit FNV-1a over the identity labels ({@link Labels#IDENTITY}) in name
 * order, each name and value followed by a 0xff separator, as Alertmanager hashes label sets.
 * Stable for the same alertname and scope labels; independent of level, severity and annotations.
 */
public final class Fingerprint {
  private Fingerprint() {}

  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;
  private static final java.util.List<String> SORTED_IDENTITY =
      Labels.IDENTITY.stream().sorted().toList();

  public static String of(Map<String, String> labels) {
    long hash = OFFSET;
    for (String name : SORTED_IDENTITY) {
      String value = labels.get(name);
      if (value == null || value.isEmpty()) {
        continue;
      }
      hash = mix(hash, name);
      hash = mix(hash, value);
    }
    return String.format("%016x", hash);
  }

  private static long mix(long hash, String text) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= (b & 0xff);
      hash *= PRIME;
    }
    hash ^= 0xff;
    hash *= PRIME;
    return hash;
  }
}
