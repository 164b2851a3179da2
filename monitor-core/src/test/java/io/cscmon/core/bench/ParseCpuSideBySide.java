package io.cscmon.core.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parsing's thread CPU per line for several jars, interleaved round by round in one JVM and one
 * thread, each jar in its own class loader: on this shared machine two {@link ParseCpu} runs one
 * after the other differ by more (the other tenants' load moves between them) than the changes they
 * are to compare, while rounds taken in turn see the same load. Uses only {@code EventParser}'s
 * public API, so old jars work too:
 *
 * <pre>
 * java -cp monitor-core/target/test-classes io.cscmon.core.bench.ParseCpuSideBySide \
 *   bench-24h.ndjson 24 OLD.jar NEW.jar
 * </pre>
 *
 * Prints, per jar, the minimum, median and maximum over the last two thirds of the rounds.
 */
public final class ParseCpuSideBySide {
  private ParseCpuSideBySide() {}

  public static void main(String[] args) throws Throwable {
    List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    int rounds = Integer.parseInt(args[1]);
    String[] jars = Arrays.copyOfRange(args, 2, args.length);
    MethodHandle[] parsers = new MethodHandle[jars.length];
    MethodHandle[] parses = new MethodHandle[jars.length];
    for (int j = 0; j < jars.length; j++) {
      ClassLoader loader =
          new URLClassLoader(
              new URL[] {Path.of(jars[j]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> parser = loader.loadClass("io.cscmon.core.parse.EventParser");
      Class<?> result = loader.loadClass("io.cscmon.core.parse.ParseResult");
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      parsers[j] =
          lookup
              .findConstructor(parser, MethodType.methodType(void.class))
              .asType(MethodType.methodType(Object.class));
      parses[j] =
          lookup
              .findVirtual(parser, "parse", MethodType.methodType(result, String.class, long.class))
              .asType(MethodType.methodType(Object.class, Object.class, String.class, long.class));
    }
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    double[][] nanosPerLine = new double[jars.length][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int turn = 0; turn < jars.length; turn++) {
        // Every other round the other order, so that no jar always runs after the same one.
        int j = round % 2 == 0 ? turn : jars.length - 1 - turn;
        Object parser = (Object) parsers[j].invokeExact();
        MethodHandle parse = parses[j];
        long start = bean.getCurrentThreadCpuTime();
        long n = 0;
        for (String line : lines) {
          Object unused = (Object) parse.invokeExact(parser, line, ++n);
        }
        nanosPerLine[j][round] = (bean.getCurrentThreadCpuTime() - start) / (double) n;
      }
    }
    int warmup = rounds / 3;
    for (int j = 0; j < jars.length; j++) {
      double[] kept = Arrays.copyOfRange(nanosPerLine[j], warmup, rounds);
      Arrays.sort(kept);
      System.out.printf(
          Locale.ROOT,
          "%s: thread-CPU ns per line, rounds %d-%d: min %.0f, median %.0f, max %.0f%n",
          jars[j],
          warmup + 1,
          rounds,
          kept[0],
          kept[kept.length / 2],
          kept[kept.length - 1]);
    }
  }
}
