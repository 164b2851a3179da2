package io.cscmon.core.kpi;

/**
 * The counts behind every call KPI of one scope over a window. Mutable with public fields so that
 * Flink aggregates and keeps it without Kryo; {@link #merge} makes rolling views out of minutes.
 */
public final class CallCounts {
  public long arrived;
  public long selfServed;
  public long ivrHangups;
  public long toAgent;
  public long queued;
  public long answered;
  public long answeredWithinTarget;
  public long abandoned;
  public long waitMillisAnswered;
  public long ended;
  public long handleMillis;
  public long complaints;
  public long transfers;

  public CallCounts() {}

  public void add(CallFact fact, long targetAnswerMs) {
    switch (fact.kind()) {
      case ARRIVED -> arrived++;
      case SELF_SERVED -> selfServed++;
      case IVR_HANGUP -> ivrHangups++;
      case TO_AGENT -> toAgent++;
      case QUEUED -> queued++;
      case ANSWERED -> {
        answered++;
        waitMillisAnswered += fact.millis();
        if (fact.millis() <= targetAnswerMs) {
          answeredWithinTarget++;
        }
      }
      case ABANDONED -> abandoned++;
      case ENDED, ENDED_COMPLAINT, ENDED_TRANSFERRED -> {
        ended++;
        handleMillis += fact.millis();
        if (fact.kind() == CallFact.Kind.ENDED_COMPLAINT) {
          complaints++;
        } else if (fact.kind() == CallFact.Kind.ENDED_TRANSFERRED) {
          transfers++;
        }
      }
    }
  }

  public CallCounts merge(CallCounts o) {
    arrived += o.arrived;
    selfServed += o.selfServed;
    ivrHangups += o.ivrHangups;
    toAgent += o.toAgent;
    queued += o.queued;
    answered += o.answered;
    answeredWithinTarget += o.answeredWithinTarget;
    abandoned += o.abandoned;
    waitMillisAnswered += o.waitMillisAnswered;
    ended += o.ended;
    handleMillis += o.handleMillis;
    complaints += o.complaints;
    transfers += o.transfers;
    return this;
  }

  public CallCounts copy() {
    return new CallCounts().merge(this);
  }

  /** Calls that reached a decision in the queue: answered or abandoned. */
  public long decided() {
    return answered + abandoned;
  }

  /**
   * Calls offered to this scope: arrivals for the center, a channel or a topic; calls entering the
   * queue for a queue (queue lines carry no arrivals).
   */
  public long offered(String dimension) {
    return "queue".equals(dimension) ? queued : arrived;
  }
}
