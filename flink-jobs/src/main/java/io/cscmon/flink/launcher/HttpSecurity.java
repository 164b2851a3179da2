package io.cscmon.flink.launcher;

import io.cscmon.core.http.ApiServer;
import io.cscmon.core.http.IngestLimit;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the HTTP API is protected and limited, from the options of {@code run} and {@code demo}.
 *
 * @param tokensFile {@code --tokens FILE}: the accepted bearer tokens' digests; {@code null}: a
 *     random operator token is generated at start and written to the state directory
 * @param tls {@code --tls-cert FILE --tls-key FILE} (PEM): HTTPS; {@code null}: plain HTTP
 * @param maxConnections {@code --max-connections N}
 * @param ingestEventsPerSecond {@code --ingest-rate-limit N}: events/s per client, 0 for none
 * @param webhookAllow {@code --webhook-allow HOST[,HOST]...}: destinations notifications may go to,
 *     besides the alert config's {@code allowed_destinations}
 */
record HttpSecurity(
    Path tokensFile,
    ApiServer.Tls tls,
    int maxConnections,
    double ingestEventsPerSecond,
    java.util.List<String> webhookAllow) {

  static HttpSecurity defaults() {
    return new HttpSecurity(
        null,
        null,
        ApiServer.DEFAULT_MAX_CONNECTIONS,
        IngestLimit.DEFAULT_EVENTS_PER_SECOND,
        java.util.List.of());
  }

  static HttpSecurity from(Args args) {
    String cert = args.get("tls-cert");
    String key = args.get("tls-key");
    if ((cert == null) != (key == null)) {
      throw new Args.UsageException("--tls-cert and --tls-key go together");
    }
    ApiServer.Tls tls = null;
    if (cert != null) {
      for (String file : new String[] {cert, key}) {
        if (!Files.isReadable(Path.of(file))) {
          throw new Args.UsageException(file + " (--tls-cert/--tls-key) cannot be read");
        }
      }
      tls = new ApiServer.Tls(Path.of(cert), Path.of(key));
    }
    int max = args.integer("max-connections", ApiServer.DEFAULT_MAX_CONNECTIONS);
    if (max < 1) {
      throw new Args.UsageException("--max-connections must be at least 1");
    }
    double rate = args.decimal("ingest-rate-limit", IngestLimit.DEFAULT_EVENTS_PER_SECOND);
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new Args.UsageException("--ingest-rate-limit is events/s per client, 0 for no limit");
    }
    return new HttpSecurity(
        args.get("tokens") == null ? null : Path.of(args.get("tokens")),
        tls,
        max,
        rate,
        args.all("webhook-allow").stream()
            .flatMap(v -> java.util.Arrays.stream(v.split(",")))
            .filter(v -> !v.isBlank())
            .toList());
  }

  String scheme() {
    return tls == null ? "http" : "https";
  }
}
