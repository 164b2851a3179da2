package io.cscmon.core.http;

import java.time.Duration;

/**
 * Settings of the HTTP API.
 *
 * @param host interface to bind; {@code 0.0.0.0} for all
 * @param port TCP port; 0 binds an ephemeral port ({@link ApiServer#start()} returns it)
 * @param maxBodyBytes largest accepted request body; larger ones get 413
 * @param retryAfter what a 503 tells the client to wait before resending
 * @param maxListedRejections how many rejections an ingest response lists at most (all are
 *     counted); keeps the answer to a 16 MiB body of garbage from being larger than the body
 */
public record ApiConfig(
    String host, int port, long maxBodyBytes, Duration retryAfter, int maxListedRejections) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  public static final int DEFAULT_MAX_LISTED_REJECTIONS = 1000;

  public ApiConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }
    if (maxBodyBytes < 1 || maxListedRejections < 0 || retryAfter.isNegative()) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** All interfaces, 16 MiB bodies, Retry-After 1 s, up to 1000 listed rejections. */
  public static ApiConfig onPort(int port) {
    return new ApiConfig(
        DEFAULT_HOST,
        port,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_RETRY_AFTER,
        DEFAULT_MAX_LISTED_REJECTIONS);
  }

  public static ApiConfig defaults() {
    return onPort(DEFAULT_PORT);
  }

  public ApiConfig withHost(String newHost) {
    return new ApiConfig(newHost, port, maxBodyBytes, retryAfter, maxListedRejections);
  }

  public ApiConfig withMaxBodyBytes(long bytes) {
    return new ApiConfig(host, port, bytes, retryAfter, maxListedRejections);
  }
}
