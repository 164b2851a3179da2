package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator who starts a second cscmon on a port already taken is told so in one line, before the
 * embedded cluster starts, not with a bind exception's stack trace.
 */
class PortInUseTest {

  @TempDir Path state;

  @Test
  void aTakenPortIsNamedInOneLineAndExitsOne() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("0.0.0.0", 0));
      int port = taken.getLocalPort();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();

      int exit =
          Cscmon.run(
              new String[] {"demo", "--http-port", String.valueOf(port), "--state-dir", "" + state},
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));

      String message = err.toString(StandardCharsets.UTF_8);
      assertThat(exit).isEqualTo(1);
      assertThat(message)
          .startsWith("cscmon demo: cannot listen on 0.0.0.0:" + port)
          .contains("choose another with --http-port")
          .doesNotContain("\tat ");
      assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("is up");
    }
  }
}
