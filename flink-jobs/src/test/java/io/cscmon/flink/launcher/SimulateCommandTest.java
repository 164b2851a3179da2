package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cscmon.core.sim.ComponentOutage;
import io.cscmon.core.sim.HeartbeatLoss;
import io.cscmon.core.sim.IvrBruteForce;
import io.cscmon.core.sim.Scenario;
import io.cscmon.core.sim.Tdos;
import io.cscmon.core.sim.VolumeSurge;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

  @Test
  void everyCatalogScenarioParsesWithItsDefaults() {
    for (ScenarioCatalog.Entry c : ScenarioCatalog.ENTRIES) {
      String param = c.defaults().startsWith("-") ? ":crm" : "";
      Scenario s = SimulateCommand.scenario(c.name() + "@1h+10m" + param);
      assertThat(s.kind()).isEqualTo(c.name());
      assertThat(s.startOffset()).isEqualTo(Duration.ofHours(1));
      assertThat(s.duration()).isEqualTo(Duration.ofMinutes(10));
    }
    assertThat(SimulateCommand.scenario("payday@0h+1d:1.2").kind()).isEqualTo("busy-day");
  }

  @Test
  void parameters() {
    assertThat(SimulateCommand.scenario("tdos@2h+20m:10,repeating,3"))
        .isEqualTo(
            new Tdos(Duration.ofHours(2), Duration.ofMinutes(20), 10, Tdos.Mode.REPEATING, 3));
    assertThat(SimulateCommand.scenario("ivr-bruteforce@1h+5m:30,distributed"))
        .isEqualTo(
            new IvrBruteForce(
                Duration.ofHours(1), Duration.ofMinutes(5), 30, IvrBruteForce.Mode.DISTRIBUTED, 2));
    assertThat(SimulateCommand.scenario("heartbeat-loss@1h+5m:crm/1"))
        .isEqualTo(new HeartbeatLoss(Duration.ofHours(1), Duration.ofMinutes(5), "crm", "1"));
    assertThat(SimulateCommand.scenario("component-outage@1h+5m:app_api/1,0.5"))
        .isEqualTo(
            new ComponentOutage(Duration.ofHours(1), Duration.ofMinutes(5), 0.5, "app_api", "1"));
    assertThat(SimulateCommand.scenario("component-outage@1h+5m:crm"))
        .as("the share --list shows as the default")
        .isEqualTo(new ComponentOutage(Duration.ofHours(1), Duration.ofMinutes(5), 1, "crm", null));
    assertThat(SimulateCommand.scenario("tdos@2h+20m:,repeating"))
        .as("an empty parameter takes its default")
        .isEqualTo(
            new Tdos(Duration.ofHours(2), Duration.ofMinutes(20), 8, Tdos.Mode.REPEATING, 5));
    assertThatThrownBy(() -> SimulateCommand.scenario("tdos@1h+5m:fast"))
        .isInstanceOf(Args.UsageException.class);
    assertThatThrownBy(() -> SimulateCommand.scenario("tdos@1h+5m:5,loud"))
        .isInstanceOf(Args.UsageException.class);
    assertThatThrownBy(() -> SimulateCommand.scenario("heartbeat-loss@1h+5m"))
        .isInstanceOf(Args.UsageException.class);
    assertThat(SimulateCommand.scenario("volume-surge@1h+5m:3,chat"))
        .isEqualTo(new VolumeSurge(Duration.ofHours(1), Duration.ofMinutes(5), 3, "chat"));
    assertThat(SimulateCommand.scenario("volume-surge@1h+5m"))
        .isEqualTo(new VolumeSurge(Duration.ofHours(1), Duration.ofMinutes(5), 2, "voice"));
    assertThatThrownBy(() -> SimulateCommand.scenario("volume-surge@1h+5m:3,fax"))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("fax");
    assertThatThrownBy(() -> SimulateCommand.scenario("meteor@1h+5m"))
        .isInstanceOf(Args.UsageException.class);
  }

  @Test
  void writesEventsAndLabels(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run.ndjson");
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int rc =
        SimulateCommand.run(
            new String[] {
              "--out",
              out.toString(),
              "--hours",
              "0.5",
              "--seed",
              "3",
              "--scenario",
              "tdos@10m+5m:5",
              "--scenario",
              "app-release@0m+2h"
            },
            new PrintStream(text, true, StandardCharsets.UTF_8));
    assertThat(rc).isZero();
    assertThat(Files.size(out)).isPositive();
    List<String> labels = Files.readAllLines(dir.resolve("run.ndjson.labels.ndjson"));
    assertThat(labels).hasSize(2);
    assertThat(labels.get(0)).contains("\"scenario\":\"tdos\"", "\"attack_type\":\"tdos\"");
    assertThat(labels.get(1)).contains("\"scenario\":\"app-release\"", "\"expect_alert\":false");
    assertThat(text.toString(StandardCharsets.UTF_8)).contains("lines/s", "wrote 2 labels");
  }

  @Test
  void listNamesEveryScenario() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    SimulateCommand.run(
        new String[] {"--list"}, new PrintStream(text, true, StandardCharsets.UTF_8));
    for (ScenarioCatalog.Entry c : ScenarioCatalog.ENTRIES) {
      assertThat(text.toString(StandardCharsets.UTF_8)).contains(c.name());
    }
  }

  @Test
  void postsToHttpInBatchesAndPacedOutputIsTheSame(@TempDir Path dir) throws Exception {
    List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/events",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          // The first call is refused with 503 (back-pressure) and must be retried.
          boolean refuse = calls.getAndIncrement() == 0;
          String text = new String(body, StandardCharsets.UTF_8);
          if (!refuse) {
            bodies.add(text);
          }
          byte[] reply =
              (refuse ? "{}" : "{\"accepted\":" + text.lines().count() + ",\"rejected\":[]}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(refuse ? 503 : 202, reply.length);
          ex.getResponseBody().write(reply);
          ex.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/events";
      PrintStream quiet =
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      assertThat(
              SimulateCommand.run(
                  new String[] {"--http", url, "--hours", "1", "--seed", "4"}, quiet))
          .isZero();
      Path file = dir.resolve("same.ndjson");
      SimulateCommand.run(
          new String[] {
            "--out", file.toString(), "--hours", "1", "--seed", "4", "--speed", "100000"
          },
          quiet);
      String posted = String.join("", bodies);
      assertThat(posted).isEqualTo(Files.readString(file));
      assertThat(bodies.size()).isGreaterThan(1);
      assertThat(bodies)
          .allSatisfy(
              b -> assertThat(b.lines().count()).isLessThanOrEqualTo(HttpBatchWriterLimit.LINES));
    } finally {
      server.stop(0);
    }
  }

  private static final class HttpBatchWriterLimit {
    static final long LINES = SimulateCommand.HttpBatchWriter.BATCH_LINES;
  }
}
