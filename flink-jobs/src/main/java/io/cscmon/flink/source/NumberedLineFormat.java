package io.cscmon.flink.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads an NDJSON file line by line, numbering the lines so that a rejection can name its line.
 * Compressed files ({@code .gz}) are inflated by the file source from their extension. Not
 * splittable: line numbers need the file read from its start. On restore from a checkpoint the file
 * source replays {@code read()} up to the checkpointed record, so the numbering stays right.
 */
public final class NumberedLineFormat extends SimpleStreamFormat<RawLine> {

  private final String origin;

  /**
   * @param origin how rejections name the input, e.g. the file's name
   */
  public NumberedLineFormat(String origin) {
    this.origin = origin;
  }

  @Override
  public StreamFormat.Reader<RawLine> createReader(Configuration config, FSDataInputStream stream) {
    // Malformed UTF-8 becomes U+FFFD; the parser then rejects the line's JSON or field, and the
    // other lines of the file are untouched.
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    BufferedReader reader = new BufferedReader(new InputStreamReader(stream, decoder), 1 << 16);
    return new Reader(reader, origin);
  }

  @Override
  public TypeInformation<RawLine> getProducedType() {
    return TypeInformation.of(RawLine.class);
  }

  private static final class Reader implements StreamFormat.Reader<RawLine> {
    private final BufferedReader reader;
    private final String origin;
    private long line;

    Reader(BufferedReader reader, String origin) {
      this.reader = reader;
      this.origin = origin;
    }

    @Override
    public RawLine read() throws IOException {
      String text = reader.readLine();
      if (text == null) {
        return null;
      }
      return RawLine.uncounted(origin, ++line, text);
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
