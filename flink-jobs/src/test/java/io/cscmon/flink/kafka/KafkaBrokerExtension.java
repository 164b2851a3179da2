package io.cscmon.flink.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real KRaft broker for a test class: {@code @RegisterExtension static final
 * KafkaBrokerExtension broker = new KafkaBrokerExtension();} starts it before the class's tests and
 * stops it after them. Its data and log stay in a temporary folder (the log helps when a test
 * fails).
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

  private KafkaBroker broker;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path dir = Files.createTempDirectory("kafka-" + context.getRequiredTestClass().getSimpleName());
    broker = KafkaBroker.start(dir);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (broker != null) {
      broker.close();
    }
  }

  public KafkaBroker get() {
    if (broker == null) {
      throw new IllegalStateException("the broker starts before the test class's tests");
    }
    return broker;
  }
}
