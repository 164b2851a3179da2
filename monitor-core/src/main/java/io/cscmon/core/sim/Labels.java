package io.cscmon.core.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ground truth of a simulation: one NDJSON line per scenario, saying when it ran (event time)
 * and what detection should report for it ({@link Scenario#expected()}), so tests can score alerts
 * against it. Lines, in the order of the configuration's scenarios:
 *
 * <pre>{@code
 * {"scenario":"tdos","index":0,"intensity":8,"center":"default",
 *  "start":"2026-11-19T10:00:00.000+08:00","end":"2026-11-19T10:20:00.000+08:00",
 *  "start_ms":1763517600000,"end_ms":1763518800000,
 *  "expect_alert":true,"incident_type":"attack","risk_category":"technical","attack_type":"tdos",
 *  "scope":{"component":["voice_gateway"],"channel":["voice"]}}
 * }</pre>
 *
 * <p>{@code end} is clipped to the end of the simulated span; scenarios starting after it are left
 * out. {@code incident_type}, {@code risk_category} and {@code attack_type} are absent where they
 * do not apply ({@code expect_alert: false}: a busy-but-normal scenario that must raise no alert).
 * Each {@code scope} label lists the values an alert may carry for it; any one matches.
 */
public final class Labels {
  private Labels() {}

  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

  /** The label lines of a run of {@code span} from the configuration's start. */
  public static List<String> lines(SimulationConfig config, Duration span) {
    long end = config.start() + span.toMillis();
    ZoneOffset offset = config.zone().getRules().getOffset(Instant.ofEpochMilli(config.start()));
    List<String> out = new ArrayList<>();
    List<Scenario> scenarios = config.scenarios();
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      long from = config.start() + s.startOffset().toMillis();
      long to = Math.min(end, from + s.duration().toMillis());
      if (from >= end) {
        continue;
      }
      ExpectedIncident x = s.expected();
      StringBuilder b = new StringBuilder(256);
      b.append("{\"scenario\":").append(LineBuilder.quote(s.kind()));
      b.append(",\"index\":").append(i);
      b.append(",\"intensity\":").append(number(s.intensity()));
      b.append(",\"center\":").append(LineBuilder.quote(config.center()));
      b.append(",\"start\":\"").append(time(from, offset)).append('"');
      b.append(",\"end\":\"").append(time(to, offset)).append('"');
      b.append(",\"start_ms\":").append(from);
      b.append(",\"end_ms\":").append(to);
      b.append(",\"expect_alert\":").append(x.expectAlert());
      field(b, "incident_type", x.incidentType());
      field(b, "risk_category", x.riskCategory());
      field(b, "attack_type", x.attackType());
      b.append(",\"scope\":{");
      boolean first = true;
      for (Map.Entry<String, List<String>> e : x.scope().entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        b.append(LineBuilder.quote(e.getKey())).append(":[");
        for (int k = 0; k < e.getValue().size(); k++) {
          if (k > 0) {
            b.append(',');
          }
          b.append(LineBuilder.quote(e.getValue().get(k)));
        }
        b.append(']');
      }
      b.append("}}");
      out.add(b.toString());
    }
    return out;
  }

  /** Writes {@link #lines}, one per line, and returns how many. */
  public static int write(SimulationConfig config, Duration span, Writer writer) {
    List<String> lines = lines(config, span);
    try {
      for (String l : lines) {
        writer.write(l);
        writer.write('\n');
      }
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines.size();
  }

  private static void field(StringBuilder b, String key, String value) {
    if (value != null) {
      b.append(",\"").append(key).append("\":").append(LineBuilder.quote(value));
    }
  }

  private static String time(long ms, ZoneOffset offset) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), offset).format(RFC3339);
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
