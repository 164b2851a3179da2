package io.cscmon.flink.bench;

import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.Event;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.parse.EventParser;
import io.cscmon.core.parse.ParseResult;
import io.cscmon.core.parse.TimestampGuard;
import io.cscmon.flink.operators.Keys;
import io.cscmon.flink.serial.AccessEventSerializer;
import io.cscmon.flink.serial.AgentEventSerializer;
import io.cscmon.flink.serial.AuthEventSerializer;
import io.cscmon.flink.serial.CallEventSerializer;
import io.cscmon.flink.serial.HealthEventSerializer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * What one keyed edge costs an event outside Flink's network stack, in thread-CPU nanoseconds: the
 * sender's key, the compact serializer's write, the receiver's read and its key — for every event
 * of a file, round after round (the replay's CPU seconds move with the shared machine's load, a
 * thread's CPU time much less). Uses only public API, so the same class measures an older jar:
 * {@code java -cp OLD.jar:flink-jobs/target/test-classes io.cscmon.flink.bench.EdgeCpu FILE 8}.
 */
public final class EdgeCpu {
  private EdgeCpu() {}

  private static final int STRIDE = 150;

  public static void main(String[] args) throws Exception {
    // Every 150th event of the file, each taken 150 times a round: a sample of its mix that stays
    // in the caches, as a just-parsed record does, instead of a walk through a heap of records.
    List<Event> sample = new ArrayList<>();
    List<Event> all = parse(Path.of(args[0]));
    for (int i = 0; i < all.size(); i += STRIDE) {
      sample.add(all.get(i));
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    Keys.Component component = new Keys.Component();
    Keys.Instance instance = new Keys.Instance();
    Keys.CallChannel callChannel = new Keys.CallChannel();
    Keys.AuthChannel authChannel = new Keys.AuthChannel();
    Keys.AccessChannel accessChannel = new Keys.AccessChannel();
    Keys.Agent agent = new Keys.Agent();
    DataOutputSerializer out = new DataOutputSerializer(1 << 16);
    DataInputDeserializer in = new DataInputDeserializer();
    long checksum = 0;
    for (int round = 1; round <= rounds; round++) {
      long start = bean.getCurrentThreadCpuTime();
      for (int repeat = 0; repeat < STRIDE; repeat++) {
        for (Event e : sample) {
          if (e instanceof HealthEvent h) {
            checksum += edge(h, instance, HealthEventSerializer.INSTANCE, out, in);
            checksum += edge(h, component, HealthEventSerializer.INSTANCE, out, in);
          } else if (e instanceof CallEvent c) {
            checksum += edge(c, callChannel, CallEventSerializer.INSTANCE, out, in);
          } else if (e instanceof AuthEvent a) {
            checksum += edge(a, authChannel, AuthEventSerializer.INSTANCE, out, in);
          } else if (e instanceof AccessEvent a) {
            checksum += edge(a, accessChannel, AccessEventSerializer.INSTANCE, out, in);
          } else if (e instanceof AgentEvent a) {
            checksum += edge(a, agent, AgentEventSerializer.INSTANCE, out, in);
          }
        }
      }
      long crossed = (long) STRIDE * sample.size();
      double ns = (bean.getCurrentThreadCpuTime() - start) / (double) crossed;
      System.out.printf(
          Locale.ROOT, "round %d: %,d events, %.0f thread-CPU ns per event%n", round, crossed, ns);
    }
    System.out.printf(Locale.ROOT, "checksum %d%n", checksum);
  }

  /** One crossing; both keys hashed, as the partitioner and the keyed state do. */
  private static <T> int edge(
      T record,
      KeySelector<T, String> key,
      TypeSerializer<T> serializer,
      DataOutputSerializer out,
      DataInputDeserializer in)
      throws Exception {
    out.clear();
    String sent = key.getKey(record);
    serializer.serialize(record, out);
    in.setBuffer(out.getSharedBuffer(), 0, out.length());
    String received = key.getKey(serializer.deserialize(in));
    return sent.hashCode() + received.hashCode();
  }

  private static List<Event> parse(Path file) throws Exception {
    EventParser parser = new EventParser(new TimestampGuard(), EventParser.DEFAULT_MAX_LINE_CHARS);
    List<Event> events = new ArrayList<>();
    long n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (parser.parse(line, ++n) instanceof ParseResult.Parsed p) {
        events.add(p.event());
      }
    }
    return events;
  }
}
