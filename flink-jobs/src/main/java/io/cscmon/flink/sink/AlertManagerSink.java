package io.cscmon.flink.sink;

import io.cscmon.core.manager.AlertManager;
import io.cscmon.flink.LocalServices;
import io.cscmon.flink.operators.AlertRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Hands every alert state change to the alert manager of this JVM (embedded mode), which dedups,
 * groups and notifies the receivers.
 */
public final class AlertManagerSink implements Sink<AlertRecord> {

  private final String managerName;

  /**
   * @param managerName the {@link LocalServices} name the alert manager is registered under
   */
  public AlertManagerSink(String managerName) {
    this.managerName = managerName;
  }

  @Override
  public SinkWriter<AlertRecord> createWriter(WriterInitContext context) {
    AlertManager manager =
        LocalServices.find(managerName, AlertManager.class)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no alert manager named '" + managerName + "' in this JVM"));
    return new SinkWriter<>() {
      @Override
      public void write(AlertRecord record, Context context) {
        manager.receive(record.alert());
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
