package io.cscmon.core.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One skill group (ACD queue) of the simulated center and the contacts that belong to it.
 *
 * @param name queue name as it appears in {@code queue} and agents' {@code queues}
 * @param share fraction of all arriving contacts that belong to this queue (shares are normalised
 *     over the configured queues, so they need not sum to exactly 1)
 * @param topicMix business topic → relative weight of this queue's contacts
 * @param selfServiceRate probability that a contact of this queue is fully served by the IVR / bot;
 *     the weighted mean over the defaults is 0.70 (PLAN §三(1))
 * @param meanHandleSeconds mean handle time (talk + hold + after-call work) of an agent
 * @param handleSigma sigma of the lognormal handle time
 * @param meanPatienceSeconds mean of the caller's (exponential) patience while queued
 * @param minAgents agents kept logged in even at the quietest hour (the center is 7x24)
 */
public record QueueConfig(
    String name,
    double share,
    Map<String, Double> topicMix,
    double selfServiceRate,
    double meanHandleSeconds,
    double handleSigma,
    double meanPatienceSeconds,
    int minAgents)
    implements java.io.Serializable {

  /** Queue and topic names: they become label values and parts of agent ids. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  public QueueConfig {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("queue name must match " + NAME + ": " + name);
    }
    if (!(share >= 0)) {
      throw new IllegalArgumentException("share of " + name + " must be >= 0");
    }
    if (topicMix == null || topicMix.isEmpty()) {
      throw new IllegalArgumentException("topicMix of " + name + " must not be empty");
    }
    for (Map.Entry<String, Double> e : topicMix.entrySet()) {
      if (e.getKey() == null
          || !NAME.matcher(e.getKey()).matches()
          || e.getValue() == null
          || !(e.getValue() >= 0)) {
        throw new IllegalArgumentException("bad topic weight in " + name + ": " + e);
      }
    }
    if (!(selfServiceRate >= 0 && selfServiceRate < 1)) {
      throw new IllegalArgumentException("selfServiceRate of " + name + " must be in [0, 1)");
    }
    if (!(meanHandleSeconds > 0 && handleSigma >= 0 && meanPatienceSeconds > 0)) {
      throw new IllegalArgumentException("handle time and patience of " + name + " must be > 0");
    }
    if (minAgents < 0) {
      throw new IllegalArgumentException("minAgents of " + name + " must be >= 0");
    }
    topicMix = Collections.unmodifiableMap(new LinkedHashMap<>(topicMix));
  }

  /** Retail banking: balances, transfers, card loss, loans. */
  public static QueueConfig retail() {
    return new QueueConfig(
        "retail",
        0.60,
        mix(
            "balance",
            0.30,
            "transfer",
            0.25,
            "card_loss",
            0.08,
            "loan",
            0.10,
            "fx",
            0.05,
            "fraud_report",
            0.04,
            "other",
            0.18),
        0.79,
        240,
        0.6,
        120,
        2);
  }

  /** Credit cards. */
  public static QueueConfig creditCard() {
    return new QueueConfig(
        "credit_card",
        0.22,
        mix("credit_card", 0.70, "card_loss", 0.15, "fraud_report", 0.05, "other", 0.10),
        0.72,
        300,
        0.6,
        120,
        2);
  }

  /** Wealth management and foreign exchange. */
  public static QueueConfig wealth() {
    return new QueueConfig(
        "wealth", 0.08, mix("wealth", 0.60, "fx", 0.25, "other", 0.15), 0.55, 420, 0.7, 150, 2);
  }

  /** High-net-worth customers (PLAN §三(2): dedicated service for high-net-worth clients). */
  public static QueueConfig vip() {
    return new QueueConfig(
        "vip",
        0.04,
        mix(
            "wealth",
            0.30,
            "fx",
            0.10,
            "transfer",
            0.20,
            "credit_card",
            0.10,
            "balance",
            0.10,
            "other",
            0.20),
        0.40,
        360,
        0.6,
        90,
        2);
  }

  /** Complaints (PLAN §二(2): a dedicated complaint-handling team). */
  public static QueueConfig complaints() {
    return new QueueConfig(
        "complaints",
        0.06,
        mix("complaint", 0.85, "fraud_report", 0.05, "other", 0.10),
        0.10,
        540,
        0.7,
        180,
        2);
  }

  private static Map<String, Double> mix(Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    }
    return m;
  }
}
