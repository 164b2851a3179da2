package io.cscmon.core.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cscmon.core.parse.Rejection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter file of the HTTP ingest: every rejected line with its line number, field and
 * reason (CONTRACT §1: rejections are kept), one JSON object per line, so it can be inspected,
 * fixed and posted again. Failing to write it is logged and never fails the request: the client
 * already has the rejections in its answer. The file is capped and rotated ({@link
 * RotatingLineFile}); one request's rejections may span a rotation, but each stays whole.
 */
public final class RejectedLines implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RejectedLines.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TEXT_CHARS = 64 * 1024;

  private final Path file;
  private final RotatingLineFile out;

  /** With the default cap (64 MiB, 3 rotated files kept) and rotations not counted. */
  public RejectedLines(Path file) throws IOException {
    this(file, DeadLetterRotation.defaults(), droppedBytes -> {});
  }

  public RejectedLines(Path file, DeadLetterRotation limit, RotatingLineFile.Listener rotations)
      throws IOException {
    this.file = file;
    this.out = new RotatingLineFile(file, limit, rotations, false);
  }

  public Path file() {
    return file;
  }

  /** One request's rejected lines; {@code texts} holds each line's text. */
  public synchronized void write(String origin, List<Rejection> rejections, List<String> texts) {
    try {
      for (int i = 0; i < rejections.size(); i++) {
        Rejection r = rejections.get(i);
        String text = texts.get(i);
        ObjectNode node = JSON.createObjectNode();
        node.put("origin", origin);
        node.put("line", r.line());
        node.put("field", r.field());
        node.put("reason", r.reason().wireName());
        node.put("message", r.message());
        node.put(
            "text",
            text == null || text.length() <= MAX_TEXT_CHARS
                ? text
                : text.substring(0, MAX_TEXT_CHARS) + "…");
        out.write(node.toString());
      }
      out.flush();
    } catch (IOException e) {
      LOG.error("Cannot write rejected lines to {}: {}", file, e.toString());
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
