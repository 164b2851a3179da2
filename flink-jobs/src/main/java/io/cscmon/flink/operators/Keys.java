package io.cscmon.flink.operators;

import io.cscmon.core.kpi.GeneralSurge.TopicVolume;
import io.cscmon.core.kpi.KpiSample;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Key selectors as named classes, so that Flink can extract their key types. Keys of several fields
 * are {@link JoinedKeys}: the same strings as concatenating the fields, reused.
 */
public final class Keys {
  private Keys() {}

  /** The scope of a minute's counts. */
  public static final class MinuteSeries implements KeySelector<MinuteCounts, String> {
    private final JoinedKeys keys = new JoinedKeys();

    @Override
    public String getKey(MinuteCounts minute) {
      return keys.join(minute.center(), minute.dimension(), minute.scope());
    }
  }

  /** The center of a topic's volume ({@link TopicSurgeFunction}). */
  public static final class VolumeCenter implements KeySelector<TopicVolume, String> {
    @Override
    public String getKey(TopicVolume volume) {
      return volume.center();
    }
  }

  /** The center of a minute's counts. */
  public static final class MinuteCenter implements KeySelector<MinuteCounts, String> {
    @Override
    public String getKey(MinuteCounts minute) {
      return minute.center();
    }
  }

  /** An agent of a center. */
  public static final class Agent implements KeySelector<io.cscmon.core.event.AgentEvent, String> {
    private final JoinedKeys keys = new JoinedKeys();

    @Override
    public String getKey(io.cscmon.core.event.AgentEvent event) {
      return keys.join(event.center(), event.agentId());
    }
  }

  /** The queue an agent moved in. */
  public static final class MoveQueue implements KeySelector<AgentMove, String> {
    private final JoinedKeys keys = new JoinedKeys();

    @Override
    public String getKey(AgentMove move) {
      return keys.join(move.center(), move.queue());
    }
  }

  /** The (center, queue) a queue-level KPI sample belongs to. */
  public static final class SampleQueue implements KeySelector<KpiSample, String> {
    private final JoinedKeys keys = new JoinedKeys();

    @Override
    public String getKey(KpiSample sample) {
      return keys.join(sample.center(), sample.scope());
    }
  }

  /** The center of a call. */
  public static final class CallCenter
      implements KeySelector<io.cscmon.core.event.CallEvent, String> {
    @Override
    public String getKey(io.cscmon.core.event.CallEvent event) {
      return event.center();
    }
  }

  /** The center of a login. */
  public static final class AuthCenter
      implements KeySelector<io.cscmon.core.event.AuthEvent, String> {
    @Override
    public String getKey(io.cscmon.core.event.AuthEvent event) {
      return event.center();
    }
  }

  /** A component of a center. */
  public static final class Component
      implements KeySelector<io.cscmon.core.event.HealthEvent, String> {
    private final JoinedKeys keys = new JoinedKeys();

    @Override
    public String getKey(io.cscmon.core.event.HealthEvent event) {
      return keys.join(event.center(), event.component());
    }
  }

  /** A channel of a center, for calls (voice when the line names none). */
  public static final class CallChannel
      implements KeySelector<io.cscmon.core.event.CallEvent, String> {
    private final JoinedKeys keys = new JoinedKeys();

    @Override
    public String getKey(io.cscmon.core.event.CallEvent call) {
      return keys.join(call.center(), io.cscmon.core.detect.Detectors.channelOf(call));
    }
  }

  /** A channel of a center, for logins. */
  public static final class AuthChannel
      implements KeySelector<io.cscmon.core.event.AuthEvent, String> {
    private final JoinedKeys keys = new JoinedKeys();

    @Override
    public String getKey(io.cscmon.core.event.AuthEvent event) {
      return keys.join(event.center(), event.channel());
    }
  }

  /** A channel of a center, for online requests. */
  public static final class AccessChannel
      implements KeySelector<io.cscmon.core.event.AccessEvent, String> {
    private final JoinedKeys keys = new JoinedKeys();

    @Override
    public String getKey(io.cscmon.core.event.AccessEvent event) {
      return keys.join(event.center(), event.channel());
    }
  }

  /** An instance of a component of a center. */
  public static final class Instance
      implements KeySelector<io.cscmon.core.event.HealthEvent, String> {
    private final JoinedKeys keys = new JoinedKeys();

    @Override
    public String getKey(io.cscmon.core.event.HealthEvent event) {
      return keys.join(event.center(), event.component(), event.instance());
    }
  }

  /** The center an alert belongs to. */
  public static final class AlertCenter implements KeySelector<AlertRecord, String> {
    @Override
    public String getKey(AlertRecord record) {
      return String.valueOf(record.alert().label(io.cscmon.core.alert.Labels.CENTER));
    }
  }

  /** The component an alert is about ("" for none). */
  public static final class AlertComponent implements KeySelector<AlertRecord, String> {
    @Override
    public String getKey(AlertRecord record) {
      String c = record.alert().label(io.cscmon.core.alert.Labels.COMPONENT);
      return c == null ? "" : c;
    }
  }

  /** The series a KPI sample belongs to. */
  public static final class Series implements KeySelector<KpiSample, String> {
    private final JoinedKeys keys = new JoinedKeys();

    @Override
    public String getKey(KpiSample sample) {
      return keys.join(sample.kpi(), sample.center(), sample.dimension(), sample.scope());
    }
  }
}
