package io.cscmon.core.alert;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Formats alert times as RFC 3339, the way the contract's examples show them. */
public final class AlertTime {
  private AlertTime() {}

  /** Alertmanager's encoding of an unset time. */
  public static final String ZERO = "0001-01-01T00:00:00Z";

  /** The bank's local time; the contract's examples are in +08:00. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

  public static String format(long epochMs, ZoneId zone) {
    if (epochMs == Alert.UNSET) {
      return ZERO;
    }
    OffsetDateTime t = Instant.ofEpochMilli(epochMs).atZone(zone).toOffsetDateTime();
    return (epochMs % 1000 == 0 ? SECONDS : MILLIS).format(t);
  }

  public static long parse(String text) {
    if (ZERO.equals(text)) {
      return Alert.UNSET;
    }
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
        .toInstant()
        .toEpochMilli();
  }
}
