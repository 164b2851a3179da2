package io.cscmon.flink.kafka;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a class of the test classpath in its own JVM, output to a log file. */
public final class ChildJvm {
  private ChildJvm() {}

  public static final List<String> FLINK_OPENS =
      List.of(
              "java.util",
              "java.lang",
              "java.lang.reflect",
              "java.io",
              "java.net",
              "java.nio",
              "sun.nio.ch",
              "java.text",
              "java.time",
              "java.util.concurrent",
              "java.util.concurrent.atomic",
              "java.util.concurrent.locks")
          .stream()
          .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED")
          .toList();

  /** The test classpath (surefire passes it in a property, its own is a manifest-only jar). */
  public static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  public static Process start(
      String mainClass, List<String> jvmOptions, List<String> args, Path log) throws IOException {
    return start(classpath(), mainClass, jvmOptions, args, log);
  }

  /** As above, on {@code classpath} (e.g. an older build's {@code cscmon.jar}). */
  public static Process start(
      String classpath, String mainClass, List<String> jvmOptions, List<String> args, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    File logFile = log.toFile();
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile))
        .start();
  }
}
