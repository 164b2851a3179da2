package io.cscmon.flink.launcher;

import java.nio.file.Path;

/**
 * How the HTTP API is protected, from the options of {@code run} and {@code demo}.
 *
 * @param tokensFile {@code --tokens FILE}: the accepted bearer tokens' digests; {@code null}: a
 *     random operator token is generated at start and written to the state directory
 */
record HttpSecurity(Path tokensFile) {

  static HttpSecurity defaults() {
    return new HttpSecurity(null);
  }

  static HttpSecurity from(Args args) {
    return new HttpSecurity(args.get("tokens") == null ? null : Path.of(args.get("tokens")));
  }
}
