package io.cscmon.flink.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cscmon.core.manager.AlertManagerConfig;
import io.cscmon.core.rule.DefaultRules;
import io.cscmon.core.rule.PrometheusRules;
import io.cscmon.core.sim.Labels;
import io.cscmon.core.sim.SimulationConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The side-by-side benchmark's inputs: its incidents, their matching, the scaled configs. */
class BenchSideBySideTest {

  private static List<BenchSideBySide.Incident> incidents() throws Exception {
    List<BenchSideBySide.Incident> out = new ArrayList<>();
    for (SimulationConfig cfg : BenchSideBySide.centers(7)) {
      for (String line : Labels.lines(cfg, BenchSideBySide.HISTORY.plus(BenchSideBySide.LIVE))) {
        out.add(BenchSideBySide.Incident.of(line));
      }
    }
    return out;
  }

  @Test
  void threeIncidentsStartTenMinutesIntoTheLivePart() throws Exception {
    List<BenchSideBySide.Incident> incidents = incidents();
    assertEquals(
        List.of("volume-surge", "component-outage", "agent-shortage"),
        incidents.stream().map(BenchSideBySide.Incident::scenario).toList());
    long live = BenchSideBySide.SIM_START + BenchSideBySide.HISTORY.toMillis();
    for (BenchSideBySide.Incident i : incidents) {
      assertEquals(live + 600_000, i.startMs(), i.scenario());
      assertTrue(
          i.endMs() <= live + BenchSideBySide.LIVE.toMillis(), i.scenario() + " ends in the run");
    }
  }

  @Test
  void anIncidentMatchesOnlyAlertsOfItsCenterTypeAndScope() throws Exception {
    BenchSideBySide.Incident shortage = incidents().get(2);
    Map<String, String> alert =
        Map.of(
            "alertname", "ServiceLevelBreach",
            "center", "sbs-b",
            "incident_type", "service_level",
            "queue", "retail");
    assertTrue(shortage.matches(alert));
    assertFalse(shortage.matches(with(alert, "queue", "vip")), "another queue");
    assertFalse(shortage.matches(with(alert, "center", "sbs-a")), "another center");
    assertFalse(shortage.matches(with(alert, "incident_type", "peak_load")), "another type");
    Map<String, String> unscoped = new HashMap<>(alert);
    unscoped.remove("queue");
    assertFalse(shortage.matches(unscoped), "a center-wide alert names no queue");
  }

  private static Map<String, String> with(Map<String, String> m, String k, String v) {
    Map<String, String> copy = new HashMap<>(m);
    copy.put(k, v);
    return copy;
  }

  @Test
  void rulesDurationsAreDividedBySpeedAndOnlyThem() {
    String exported = PrometheusRules.rules(DefaultRules.ruleSet());
    assertTrue(exported.contains("for: 30m"));
    String scaled = BenchPrometheus.scaleRules(exported, 10);
    assertFalse(scaled.contains("for: 30m"));
    assertTrue(scaled.contains("for: 180000ms"), "30 min / 10");
    assertTrue(scaled.contains("keep_firing_for: 60000ms"), "10 min / 10");
    assertEquals(exported.replaceAll("for: .*", ""), scaled.replaceAll("for: .*", ""));
    assertTrue(BenchPrometheus.scaleRules(exported, 1).contains("for: 1800000ms"), "speed 1");
  }

  @Test
  void cscmonTakesTheAlertmanagerConfigAsItsOwn() {
    AlertManagerConfig config =
        AlertManagerConfig.parse(
            BenchPrometheus.alertmanagerConfig(10, URI.create("http://127.0.0.1:1/cscmon")));
    assertEquals(1, config.receivers().get("hook").size());
  }

  @Test
  @Tag("prometheus")
  void promtoolAndAmtoolAcceptTheScaledConfigs(@TempDir Path dir) throws Exception {
    for (double speed : new double[] {1, 10}) {
      Files.writeString(
          dir.resolve("cscmon.rules.yml"),
          BenchPrometheus.scaleRules(PrometheusRules.rules(DefaultRules.ruleSet()), speed));
      Files.writeString(dir.resolve("outage.rules.yml"), BenchSideBySide.OUTAGE_RULE);
      Files.writeString(
          dir.resolve("prometheus.yml"),
          BenchPrometheus.prometheusConfig(
              speed, List.of("cscmon.rules.yml", "outage.rules.yml"), "127.0.0.1:1", "t", 2));
      Files.writeString(
          dir.resolve("alertmanager.yml"),
          BenchPrometheus.alertmanagerConfig(speed, URI.create("http://127.0.0.1:1/p")));
      assertEquals(0, tool(dir, "promtool", "check", "config", "prometheus.yml"), "speed " + speed);
      assertEquals(0, tool(dir, "amtool", "check-config", "alertmanager.yml"), "speed " + speed);
    }
  }

  private static int tool(Path dir, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(command[0] + ".log").toFile())
            .start();
    int rc = p.waitFor();
    if (rc != 0) {
      System.err.println(Files.readString(dir.resolve(command[0] + ".log")));
    }
    return rc;
  }
}
