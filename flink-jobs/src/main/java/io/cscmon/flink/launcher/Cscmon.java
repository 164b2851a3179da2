package io.cscmon.flink.launcher;

import java.io.PrintStream;
import java.util.Arrays;

/** The {@code bin/cscmon} entry point: picks the command and its production implementations. */
public final class Cscmon {
  private Cscmon() {}

  static final String USAGE =
      """
      usage: cscmon <command> [options]

        demo     [--http-port 8080] [--webhook URL]... [--speed 20] [--seed N] [--calls-per-day N]
                 everything in one process, fed by the built-in simulator
        run      [--config FILE] [--http-port 8080] [--webhook URL]... [--state-dir var] [--rules DIR]
                 [--kafka-bootstrap HOST:PORT [--events-topic cscmon-events]
                  [--alerts-topic cscmon-alerts] [--kpi-topic T] [--checkpoint-interval 10s]
                  [--state-backend hashmap|rocksdb] [--transactional-id-prefix cscmon]
                  [--from-savepoint DIR] [--stop-at-end]]
                 the service on HTTP ingest, embedded Flink; with --kafka-bootstrap the ingest
                 writes to the events topic (202 once committed), the job reads it and writes
                 alerts (one JSON object per message) and KPIs to their topics exactly once,
                 checkpointing into --state-dir and resuming from the latest checkpoint
                 (SIGTERM stops it with a savepoint there, the next start resumes from it);
                 --stop-at-end reads the events topic to its end at start, then exits;
                 with --rules it runs DIR's rule files, reloads them when they change (or on
                 POST /api/v1/rules/reload) and keeps the running rules when a change is invalid;
                 without Kafka, run and demo cap each dead-letter file in --state-dir at
                 --dead-letter-max-bytes (64 MiB), rotating it to NAME.1 and keeping
                 --dead-letter-keep (3) old files; with Kafka the job's go to --dead-letter-topic
        job      --kafka-bootstrap HOST:PORT [the Kafka options of run] [--state-dir var]
                 [--parallelism N]
                 the detection job alone, Kafka in and out (dead letters to their topic); submit it to a Flink cluster with
                 bin/flink-cluster submit
        replay   --input FILE --alerts-out FILE [--rules DIR] [--dead-letter-out FILE]
                 [--parallelism N]
                 the detection pipeline over a recorded file, in event time, as fast as it can;
                 with --rules, the rule files of DIR instead of the defaults (backtesting)
        rules    validate DIR
                 check rule files; every problem names file, line and field
        rules    export-prometheus DIR [--out FILE] [--tests FILE]
                 the rules as Prometheus alerting rules over the KPI gauges, and promtool tests
        simulate --out FILE|- | --http URL | --kafka-bootstrap HOST:PORT --topic T
                 [--hours 24 | --days N] [--seed N]
                 [--start RFC3339] [--calls-per-day N] [--center NAME] [--speed X]
                 [--labels-out FILE] [--scenario NAME@START+DURATION[:PARAMS]]...
                 write the simulated center's events as a contract NDJSON file (.gz compresses,
                 - is stdout), POST them to URL (e.g. http://localhost:8080/api/v1/events) or
                 produce them to Kafka topic T, one record per line,
                 as fast as possible or at X times real time, and the ground truth to
                 FILE.labels.ndjson (one line per scenario);
                 e.g. agent-shortage@90m+1h:0.4, market-shock@2h+30m:4, credit-event@1h+1h:3,
                 component-outage@1h+20m:core_banking, heartbeat-loss@1h+15m:crm/1,
                 trunk-failure@1h+10m, latency-degradation@1h+1h:database,8,
                 tdos@2h+20m:10,repeating,5, ivr-bruteforce@2h+30m:60,distributed,
                 credential-stuffing@3h+20m:20,3, ddos@3h+15m:20000, app-release@1h+2h:3,
                 busy-day@0h+24h:1.3 (payday)
        simulate --list
                 the scenarios, their parameters and defaults
        bench    [--hours 24] [--only replay,rules,trivial,sources,live,sidebyside,queues]
                 [--rules 10,1000] [--sources 10000,...,10000000] [--trivial-events N]
                 [--trivial-runs 1]
                 [--work var/bench] [--rate 50000] [--seconds 60] [--marker-every 5]
                 [--live-signal calls_waiting_now|calls_waiting]
                 [--speed 10] [--live-minutes 100] [--queues 10,100,1000,10000]
                 [--calls-per-day 450000]
                 end-to-end benchmarks over a simulated file (docs/benchmarks.md)
      """;

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  static int run(String[] argv, PrintStream out, PrintStream err) {
    if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")) {
      out.print(USAGE);
      return argv.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
    try {
      return switch (argv[0]) {
        case "replay" -> ReplayCommand.run(rest, out);
        case "demo" -> ServeCommand.demo(rest, out);
        case "run" -> ServeCommand.run(rest, out);
        case "job" -> JobCommand.run(rest, out);
        case "simulate" -> SimulateCommand.run(rest, out);
        case "rules" -> RulesCommand.run(rest, out, err);
        case "bench" -> BenchCommand.run(rest, out);
        default -> throw new Args.UsageException("unknown command '" + argv[0] + "'");
      };
    } catch (Args.UsageException e) {
      err.println("cscmon " + argv[0] + ": " + e.getMessage());
      err.print(USAGE);
      return 2;
    } catch (CommandFailure e) {
      err.println("cscmon " + argv[0] + ": " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("cscmon " + argv[0] + " failed: " + rootMessage(e));
      e.printStackTrace(err);
      return 1;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
