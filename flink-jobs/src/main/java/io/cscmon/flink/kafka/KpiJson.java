package io.cscmon.flink.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.kpi.KpiSample;
import java.time.Instant;

/**
 * A KPI sample as the KPI topic carries it: {@code {"kpi", "center", "dimension", "scope",
 * "window_start", "window_end" (RFC 3339, UTC), "value", "samples"}}.
 */
public final class KpiJson {
  private KpiJson() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public static String encode(KpiSample s) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("kpi", s.kpi());
    node.put("center", s.center());
    node.put("dimension", s.dimension());
    node.put("scope", s.scope());
    node.put("window_start", Instant.ofEpochMilli(s.windowStart()).toString());
    node.put("window_end", Instant.ofEpochMilli(s.windowEnd()).toString());
    if (Double.isFinite(s.value())) {
      node.put("value", s.value());
    } else {
      node.putNull("value");
    }
    node.put("samples", s.samples());
    return node.toString();
  }
}
