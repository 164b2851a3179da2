package io.cscmon.core.sim;

import static io.cscmon.core.sim.SimRun.THURSDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cscmon.core.testing.TestSeed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The two-thread byte path to a file against the line-by-line path, and its failures. */
class PipelinedWriterTest {

  @RegisterExtension static final TestSeed SEED = TestSeed.fromSystemProperty();

  /** Attacks bring scenario strings (ANIs, accounts, subnets) through the text operations. */
  private static SimulationConfig withScenarios() {
    return SimulationConfig.builder()
        .seed(11)
        .start(THURSDAY + 9 * SimRun.HOUR)
        .scenario(new Tdos(Duration.ofMinutes(5), Duration.ofMinutes(10), 5))
        .scenario(new IvrBruteForce(Duration.ofMinutes(10), Duration.ofMinutes(10), 30))
        .scenario(new CredentialStuffing(Duration.ofMinutes(15), Duration.ofMinutes(10), 10))
        .scenario(new VolumetricDdos(Duration.ofMinutes(20), Duration.ofMinutes(5), 500))
        .scenario(
            new ComponentOutage(Duration.ofMinutes(25), Duration.ofMinutes(5), "core_banking"))
        .build();
  }

  @Test
  void sameBytesAsTheLineByLinePathOverManyTapes() {
    SimulationConfig cfg = withScenarios();
    Duration span = Duration.ofMinutes(40);
    StringWriter lines = new StringWriter();
    long n = Simulator.writeNdjson(cfg, span, lines);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long m = Simulator.writeNdjson(cfg, span, bytes);

    assertThat(n).isGreaterThan(5L * PipelinedWriter.TAPE_LINES);
    assertThat(m).isEqualTo(n);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(lines.toString());
  }

  @Test
  void aFailingStreamFailsTheWriteAndLeavesNoThread() {
    OutputStream failing =
        new OutputStream() {
          private long written;

          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > 3_000_000) {
              throw new IOException("disk full");
            }
          }
        };
    assertThatThrownBy(() -> Simulator.writeNdjson(withScenarios(), Duration.ofDays(2), failing))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("disk full");
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("cscmon-sim-writer") && t.isAlive());
  }

  @Test
  void identifiersAreWrittenAsTheirStrings() {
    for (int c = 0; c < 200; c++) {
      SplittableRandom rng = SEED.random(c);
      long any = rng.nextLong();
      long positive = rng.nextLong(Long.MAX_VALUE);
      long small = rng.nextInt(1 << rng.nextInt(1, 31));
      long ip = rng.nextLong(1L << 32);
      double dec = rng.nextInt(4) == 0 ? small : rng.nextDouble() * Math.pow(10, rng.nextInt(12));
      int k = LineBuilder.key("k");
      LineBuilder tape = new LineBuilder();
      tape.begin(LineBuilder.type("t"), any, false)
          .num(k, any)
          .hex(k, LineBuilder.ascii("p-"), any)
          .digits(k, positive)
          .callId(k, small)
          .ipv4(k, ip)
          .dec(k, dec)
          .str(k, "ü" + small)
          .open(k)
          .member(true, LineBuilder.ascii("m"), small)
          .member(false, LineBuilder.ascii("n"), 0.5)
          .close()
          .end(0);
      String expected =
          "{\"type\":\"t\",\"ts\":"
              + any
              + ",\"center\":\"x\\\"y\""
              + ",\"k\":"
              + any
              + ",\"k\":\"p-"
              + Long.toHexString(any)
              + "\",\"k\":\""
              + positive
              + "\",\"k\":\"c-"
              + small
              + "\",\"k\":\""
              + (ip >>> 24)
              + "."
              + (ip >>> 16 & 0xff)
              + "."
              + (ip >>> 8 & 0xff)
              + "."
              + (ip & 0xff)
              + "\",\"k\":"
              + threeDecimals(dec)
              + ",\"k\":\"ü"
              + small
              + "\",\"k\":{\"m\":"
              + small
              + ",\"n\":0.5}}";
      assertThat(new LineFormatter("x\"y", 0, 16).toString(tape, 0))
          .as("case %d", c)
          .isEqualTo(expected);
    }
  }

  /** The decimal as the contract's lines have it: at most three decimals, no trailing zeros. */
  private static String threeDecimals(double v) {
    return new java.math.BigDecimal(Math.round(v * 1000))
        .movePointLeft(3)
        .stripTrailingZeros()
        .toPlainString();
  }
}
