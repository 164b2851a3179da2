package io.cscmon.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The API's OpenAPI 3 document, read once from the jar. */
final class OpenApiDocument {
  private OpenApiDocument() {}

  static final String TEXT = read();

  private static String read() {
    try (InputStream in = ApiServer.class.getResourceAsStream(ApiServer.OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(ApiServer.OPENAPI_RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
