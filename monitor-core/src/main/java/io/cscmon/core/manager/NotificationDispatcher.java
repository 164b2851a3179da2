package io.cscmon.core.manager;

/**
 * Turns alert state changes into notifications. The alert manager calls it for every accepted
 * change, one at a time, in order; it must not block (notifiers queue). Grouping lives here, and so
 * will group_wait/group_interval, routing, silences and inhibition: each can wrap or replace the
 * dispatcher without touching the alert manager.
 */
public interface NotificationDispatcher {

  /** Notifies nobody: for replay and tests that only look at state. */
  NotificationDispatcher NONE = change -> {};

  void dispatch(AlertChange change);
}
