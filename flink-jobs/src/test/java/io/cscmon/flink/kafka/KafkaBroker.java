package io.cscmon.flink.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) on loopback, started as a
 * child JVM from Apache Kafka's Maven artifacts on the test classpath: {@code StorageTool format},
 * then {@code kafka.Kafka}. Its log is {@code DIR/broker.log}.
 */
public final class KafkaBroker implements AutoCloseable {

  private final Path dir;
  private final int port;
  private Process process;

  private KafkaBroker(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  public static KafkaBroker start(Path dir) throws Exception {
    Files.createDirectories(dir);
    int port = freePort();
    int controllerPort = freePort();
    Properties props = new Properties();
    props.setProperty("process.roles", "broker,controller");
    props.setProperty("node.id", "1");
    // A dynamic quorum: StorageTool --standalone refuses static controller.quorum.voters.
    props.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    props.setProperty(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.setProperty("controller.listener.names", "CONTROLLER");
    props.setProperty("inter.broker.listener.name", "PLAINTEXT");
    props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.setProperty("log.dirs", dir.resolve("data").toString());
    props.setProperty("offsets.topic.replication.factor", "1");
    props.setProperty("offsets.topic.num.partitions", "1");
    props.setProperty("transaction.state.log.replication.factor", "1");
    props.setProperty("transaction.state.log.min.isr", "1");
    props.setProperty("transaction.state.log.num.partitions", "1");
    props.setProperty("share.coordinator.state.topic.replication.factor", "1");
    props.setProperty("share.coordinator.state.topic.min.isr", "1");
    props.setProperty("group.initial.rebalance.delay.ms", "0");
    props.setProperty("num.partitions", "1");
    props.setProperty("auto.create.topics.enable", "false");
    Path config = dir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(config)) {
      props.store(out, "cscmon test broker");
    }
    Path log = dir.resolve("broker.log");
    List<String> jvm = List.of("-Xmx512m", "-XX:+UseSerialGC");
    Process format =
        ChildJvm.start(
            "kafka.tools.StorageTool",
            jvm,
            List.of(
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                config.toString(),
                "--standalone"),
            log);
    if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IllegalStateException("kafka storage format failed; see " + log);
    }
    Process broker = ChildJvm.start("kafka.Kafka", jvm, List.of(config.toString()), log);
    KafkaBroker started = new KafkaBroker(dir, port, broker);
    started.awaitReady(log);
    // Topics are not created on demand here (as on a locked-down production broker); the job's
    // dead letters go to this topic unless a test names another.
    started.createTopic(KafkaTopics.DEFAULT_DEAD_LETTER_TOPIC, 1);
    return started;
  }

  private void awaitReady(Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Kafka broker exited; see " + log);
      }
      try (Admin admin = admin()) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        last = e;
        Thread.sleep(200);
      }
    }
    close();
    throw new IllegalStateException("the Kafka broker did not come up; see " + log, last);
  }

  /**
   * Stops the broker (SIGTERM: a controlled shutdown) and starts it again on the same ports and
   * data, returning once it answers again. Clients see it gone in between.
   */
  public void restart() throws Exception {
    stop();
    startAgain();
  }

  /**
   * Stops the broker (SIGTERM: a controlled shutdown); clients see it gone until {@link
   * #startAgain}.
   */
  public void stop() {
    close();
  }

  /** Starts the stopped broker again on the same ports and data; returns once it answers. */
  public void startAgain() throws Exception {
    Path log = dir.resolve("broker.log");
    process =
        ChildJvm.start(
            "kafka.Kafka",
            List.of("-Xmx512m", "-XX:+UseSerialGC"),
            List.of(dir.resolve("server.properties").toString()),
            log);
    awaitReady(log);
  }

  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  public Path dir() {
    return dir;
  }

  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
  }

  public void createTopic(String name, int partitions) throws Exception {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * A plain producer (not cscmon's ingest: no transaction, no validation), {@code acks=all}, bytes
   * in and out.
   */
  public KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /**
   * Writes {@code lines} to {@code topic} the way the HTTP ingest does ({@link KafkaLineSink}, one
   * transaction per batch of 5000 lines, keyed by center); fails if a batch is not committed.
   */
  public void ingest(String topic, List<String> lines) {
    try (KafkaLineSink sink = new KafkaLineSink(bootstrap(), topic, topic + "-ingest")) {
      for (int i = 0; i < lines.size(); i += 5000) {
        if (!sink.offer(lines.subList(i, Math.min(i + 5000, lines.size())))) {
          throw new IllegalStateException("lines " + i + "+ were not committed to " + topic);
        }
      }
    }
  }

  /** Every committed message of {@code topic}, in partition then offset order. */
  public List<String> readCommitted(String topic) {
    return committedRecords(topic).stream().map(ConsumerRecord::value).toList();
  }

  /**
   * Every committed record of {@code topic} (key, value, partition, offset), in partition then
   * offset order.
   */
  public List<ConsumerRecord<String, String>> committedRecords(String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
              .toList();
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      for (TopicPartition tp : partitions) {
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        while (consumer.position(tp) < end.get(tp)) {
          consumer.poll(java.time.Duration.ofMillis(500)).forEach(records::add);
        }
      }
      return records;
    }
  }

  /**
   * Waits up to {@code limit} until the committed messages of {@code topic} satisfy {@code until};
   * returns them.
   */
  public List<String> awaitCommitted(
      String topic, java.time.Duration limit, java.util.function.Predicate<List<String>> until)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    List<String> committed = readCommitted(topic);
    while (!until.test(committed)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "not there within "
                + limit
                + "; "
                + topic
                + " holds "
                + committed.size()
                + " messages");
      }
      Thread.sleep(200);
      committed = readCommitted(topic);
    }
    return committed;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
