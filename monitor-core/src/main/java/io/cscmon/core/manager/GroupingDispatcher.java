package io.cscmon.core.manager;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.WebhookMessage;
import io.cscmon.core.notify.Notifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message per notifiable change to every notifier, for the change's group ({@link
 * GroupKey}). The message carries the group's whole current picture, as Alertmanager's does: every
 * alert of the group that still fires, plus the one that just resolved. So a receiver that tracks
 * incidents by {@code groupKey} keeps the incident open while any alert of it fires (status {@code
 * firing}) and closes it when the last one resolves (status {@code resolved}).
 *
 * <p>There is no group_wait or group_interval: each change notifies at once. The service uses
 * {@link RoutingDispatcher} (routes, timings, silences, inhibition, escalation); this one remains
 * the simplest dispatcher, for tests of the alert manager's own state handling.
 */
public final class GroupingDispatcher implements NotificationDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(GroupingDispatcher.class);

  private static final Comparator<Alert> ORDER =
      Comparator.comparingLong(Alert::startsAt).thenComparing(Alert::fingerprint);

  private final List<Notifier> notifiers;
  private final String externalURL;

  /** Firing alerts by group key, then by fingerprint: what receivers were last told fires. */
  private final Map<String, Map<String, Alert>> firing = new HashMap<>();

  /**
   * @param notifiers one per receiver
   * @param externalURL this service's URL, put into each message so receivers can link back
   */
  public GroupingDispatcher(List<Notifier> notifiers, String externalURL) {
    this.notifiers = List.copyOf(notifiers);
    this.externalURL = externalURL;
  }

  @Override
  public synchronized void dispatch(AlertChange change) {
    Alert alert = change.current();
    GroupKey group = GroupKey.of(alert);
    Map<String, Alert> members = firing.computeIfAbsent(group.key(), k -> new HashMap<>());
    List<Alert> alerts;
    if (alert.isFiring()) {
      members.put(alert.fingerprint(), alert);
      alerts = new ArrayList<>(members.values());
    } else {
      members.remove(alert.fingerprint());
      alerts = new ArrayList<>(members.values());
      alerts.add(alert);
    }
    if (members.isEmpty()) {
      firing.remove(group.key());
    }
    if (!change.notifiable()) {
      return;
    }
    alerts.sort(ORDER);
    for (Notifier notifier : notifiers) {
      WebhookMessage message =
          WebhookMessage.of(
              notifier.receiver(), group.labels(), group.key(), alerts, externalURL, 0);
      try {
        notifier.notify(message);
      } catch (RuntimeException e) {
        // A notifier must not throw; if one does, the others are still told.
        LOG.error("notifier {} threw for {}", notifier.receiver(), group.key(), e);
      }
    }
  }
}
