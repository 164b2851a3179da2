package io.cscmon.flink.launcher;

import sun.misc.Signal;

/**
 * Runs the service's stop on SIGTERM and SIGINT before the JVM shuts down. In a shutdown hook it
 * would race Flink's own hooks (its blob server and temporary directories go away in parallel), and
 * the savepoint a stop takes for the next start would fail; from the signal, the stop runs to its
 * end first, then the JVM exits and the hooks find nothing left to do.
 */
final class GracefulStop {
  private GracefulStop() {}

  static void onSignals(Runnable stop) {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(name),
          signal ->
              new Thread(
                      () -> {
                        // An operator stopping the service sees it go, and that it went cleanly.
                        System.err.println("cscmon: SIG" + name + ": stopping");
                        stop.run();
                        System.err.println("cscmon: stopped");
                        System.exit(128 + signal.getNumber());
                      },
                      "cscmon-stop-on-" + name)
                  .start());
    }
  }
}
