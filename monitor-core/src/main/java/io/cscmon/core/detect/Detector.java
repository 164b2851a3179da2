package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.event.Event;
import java.io.Serializable;
import java.util.List;

/**
 * What a stream operator needs of a detector: a state for a new key, the alerts an event or a timer
 * causes, and when to wake up next. The detectors of this package keep all their logic in their own
 * classes; their adapters to this interface only say how a key's state starts.
 *
 * @param <E> the events the detector reads
 * @param <S> its per-key state (a POJO with public fields, kept in Flink keyed state)
 */
public interface Detector<E extends Event, S> extends Serializable {

  /** The key's state, created for its first event. */
  S newState(E first);

  List<Alert> onEvent(S state, E event);

  List<Alert> onTimer(S state, long now);

  /** Event time of the next timer, or {@link Long#MAX_VALUE} for none. */
  long nextTimer(S state);

  /** The state's class, for the keyed state's serializer. */
  Class<S> stateClass();

  /**
   * How far behind its newest event a key's data is complete for this detector: an operator runs a
   * timer ahead of the watermark, on a newer event, only for times at least this far before it
   * (events may arrive out of order by up to CONTRACT §1's 30 s). Zero for detectors that judge
   * each event as it comes.
   */
  default long lateness() {
    return 0;
  }

  /**
   * The input has ended (a replay's last watermark): what the detector still holds back for older
   * events can be judged now; nothing is judged by the clock (what fires at the end stays firing).
   */
  default List<Alert> onEnd(S state) {
    return List.of();
  }
}
