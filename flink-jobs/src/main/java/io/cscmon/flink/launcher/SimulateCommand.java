package io.cscmon.flink.launcher;

import io.cscmon.core.sim.AgentShortage;
import io.cscmon.core.sim.ComponentOutage;
import io.cscmon.core.sim.MarketShock;
import io.cscmon.core.sim.Scenario;
import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.Simulator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * {@code simulate --out FILE}: writes the simulated center's events as a contract NDJSON file
 * ({@code .gz} compresses), for replays, tests and benchmarks.
 */
final class SimulateCommand {
  private SimulateCommand() {}

  static final Set<String> OPTIONS =
      Set.of("out", "hours", "seed", "start", "calls-per-day", "center", "scenario");

  /** {@code name@start+duration[:parameter]}, e.g. {@code agent-shortage@90m+1h:0.4}. */
  private static final Pattern SCENARIO =
      Pattern.compile("([a-z-]+)@(\\d+[smhd])\\+(\\d+[smhd])(?::([\\w.]+))?");

  static final String SCENARIO_HELP =
      "agent-shortage@START+DURATION[:share away], market-shock@START+DURATION[:multiplier],"
          + " component-outage@START+DURATION:component (START and DURATION like 90m, 2h)";

  static int run(String[] argv, PrintStream out) throws IOException {
    Args args = Args.parse(argv, OPTIONS, Set.of());
    Path file = Path.of(args.require("out"));
    double hours = args.decimal("hours", 24);
    if (hours <= 0) {
      throw new Args.UsageException("--hours must be positive");
    }
    SimulationConfig.Builder config =
        SimulationConfig.builder()
            .seed(args.integer("seed", 1))
            .callsPerDay(args.integer("calls-per-day", SimulationConfig.DEFAULT_CALLS_PER_DAY))
            .center(args.get("center", SimulationConfig.DEFAULT_CENTER));
    String start = args.get("start");
    if (start != null) {
      config.start(parseStart(start));
    }
    for (String spec : args.all("scenario")) {
      config.scenario(scenario(spec));
    }
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    long lines;
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream stream =
            file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
        Writer writer =
            new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16)) {
      lines =
          Simulator.writeNdjson(config.build(), Duration.ofMinutes((long) (hours * 60)), writer);
    }
    out.printf("wrote %d events (%.1f simulated hours) to %s%n", lines, hours, file);
    return 0;
  }

  private static Instant parseStart(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new Args.UsageException(
          "--start "
              + text
              + " is not an RFC 3339 time with offset, e.g. 2026-11-23T09:00:00+08:00");
    }
  }

  static Scenario scenario(String spec) {
    Matcher m = SCENARIO.matcher(spec);
    if (!m.matches()) {
      throw new Args.UsageException("--scenario " + spec + " is not of the form " + SCENARIO_HELP);
    }
    Duration start = duration(m.group(2));
    Duration length = duration(m.group(3));
    String parameter = m.group(4);
    try {
      return switch (m.group(1)) {
        case "agent-shortage" ->
            new AgentShortage(
                start, length, parameter == null ? 0.4 : Double.parseDouble(parameter));
        case "market-shock" ->
            new MarketShock(start, length, parameter == null ? 4.0 : Double.parseDouble(parameter));
        case "component-outage" -> {
          if (parameter == null) {
            throw new Args.UsageException(
                "--scenario " + spec + " needs the component, e.g. :core_banking");
          }
          yield new ComponentOutage(start, length, parameter);
        }
        default ->
            throw new Args.UsageException(
                "--scenario "
                    + spec
                    + ": unknown scenario '"
                    + m.group(1)
                    + "'; known: "
                    + SCENARIO_HELP);
      };
    } catch (NumberFormatException e) {
      throw new Args.UsageException("--scenario " + spec + ": '" + parameter + "' is not a number");
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException("--scenario " + spec + ": " + e.getMessage());
    }
  }

  private static Duration duration(String text) {
    long n = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
