package io.cscmon.core.sim;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What to simulate. Build with {@link #builder()}; every field has a default.
 *
 * @param seed random seed: the same configuration gives the same lines
 * @param start simulation start, epoch milliseconds
 * @param callsPerDay contacts arriving on an average day (the mean over the week; Monday is ~18%
 *     above, Sunday ~16% below)
 * @param center the {@code center} of every event
 * @param zone local time of the center (daily profile, RFC 3339 offset); its offset at {@code
 *     start} is used throughout
 * @param queues the skill groups and their contacts
 * @param targetServiceLevel the service level staffing plans for (0.8 of 80/20)
 * @param targetAnswerSeconds the answer time staffing plans for (20 of 80/20)
 * @param shrinkage fraction of an agent's logged-in time spent {@code not_ready} (breaks,
 *     coaching); scheduled agents = Erlang C agents / (1 − shrinkage)
 * @param ivrHangupRate probability that a caller hangs up in the IVR
 * @param authFailureRate probability that a PIN or login attempt fails
 * @param onlineLoginsPerDay app/web/api logins ({@code auth} lines) on an average day
 * @param accessRequestsPerDay online requests on an average day (written as {@code access} lines
 *     with a {@code count}, about 20 requests a line)
 * @param rfc3339Share fraction of lines whose {@code ts} is RFC 3339 text instead of epoch ms
 * @param scenarios incidents to inject
 */
public record SimulationConfig(
    long seed,
    long start,
    int callsPerDay,
    String center,
    ZoneId zone,
    List<QueueConfig> queues,
    double targetServiceLevel,
    int targetAnswerSeconds,
    double shrinkage,
    double ivrHangupRate,
    double authFailureRate,
    int onlineLoginsPerDay,
    long accessRequestsPerDay,
    double rfc3339Share,
    List<Scenario> scenarios)
    implements java.io.Serializable {

  /** Monday 2026-11-23 00:00 in Asia/Shanghai. */
  public static final long DEFAULT_START = Instant.parse("2026-11-22T16:00:00Z").toEpochMilli();

  public static final int DEFAULT_CALLS_PER_DAY = 45_000;
  public static final String DEFAULT_CENTER = "default";
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
  public static final double DEFAULT_TARGET_SERVICE_LEVEL = 0.8;
  public static final int DEFAULT_TARGET_ANSWER_SECONDS = 20;
  public static final double DEFAULT_SHRINKAGE = 0.10;
  public static final double DEFAULT_IVR_HANGUP_RATE = 0.04;
  public static final double DEFAULT_AUTH_FAILURE_RATE = 0.035;
  public static final int DEFAULT_ONLINE_LOGINS_PER_DAY = 100_000;
  public static final long DEFAULT_ACCESS_REQUESTS_PER_DAY = 2_000_000L;
  public static final double DEFAULT_RFC3339_SHARE = 0.1;

  public SimulationConfig {
    if (callsPerDay <= 0) {
      throw new IllegalArgumentException("callsPerDay must be > 0");
    }
    if (center == null || center.isEmpty() || center.length() > 256) {
      throw new IllegalArgumentException("center must have 1 to 256 characters");
    }
    if (zone == null) {
      throw new IllegalArgumentException("zone is required");
    }
    if (queues == null || queues.isEmpty()) {
      throw new IllegalArgumentException("at least one queue is required");
    }
    Set<String> names = new HashSet<>();
    double shares = 0;
    for (QueueConfig q : queues) {
      if (!names.add(q.name())) {
        throw new IllegalArgumentException("duplicate queue " + q.name());
      }
      shares += q.share();
    }
    if (!(shares > 0)) {
      throw new IllegalArgumentException("queue shares must not all be 0");
    }
    if (!(targetServiceLevel > 0 && targetServiceLevel < 1) || targetAnswerSeconds <= 0) {
      throw new IllegalArgumentException("target service level must be in (0, 1), seconds > 0");
    }
    if (!(shrinkage >= 0 && shrinkage < 0.9)) {
      throw new IllegalArgumentException("shrinkage must be in [0, 0.9)");
    }
    for (QueueConfig q : queues) {
      if (q.selfServiceRate() + ivrHangupRate >= 1) {
        throw new IllegalArgumentException(
            "selfServiceRate + ivrHangupRate of " + q.name() + " must be < 1");
      }
    }
    if (!(ivrHangupRate >= 0) || !(authFailureRate >= 0 && authFailureRate <= 1)) {
      throw new IllegalArgumentException("rates must be in [0, 1]");
    }
    if (onlineLoginsPerDay < 0 || accessRequestsPerDay < 0) {
      throw new IllegalArgumentException("online volumes must be >= 0");
    }
    if (!(rfc3339Share >= 0 && rfc3339Share <= 1)) {
      throw new IllegalArgumentException("rfc3339Share must be in [0, 1]");
    }
    queues = List.copyOf(queues);
    scenarios = List.copyOf(scenarios == null ? List.of() : scenarios);
  }

  /** The five default queues: retail, credit_card, wealth, vip, complaints. */
  public static List<QueueConfig> defaultQueues() {
    return List.of(
        QueueConfig.retail(),
        QueueConfig.creditCard(),
        QueueConfig.wealth(),
        QueueConfig.vip(),
        QueueConfig.complaints());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.seed = seed;
    b.start = start;
    b.callsPerDay = callsPerDay;
    b.center = center;
    b.zone = zone;
    b.queues = new ArrayList<>(queues);
    b.targetServiceLevel = targetServiceLevel;
    b.targetAnswerSeconds = targetAnswerSeconds;
    b.shrinkage = shrinkage;
    b.ivrHangupRate = ivrHangupRate;
    b.authFailureRate = authFailureRate;
    b.onlineLoginsPerDay = onlineLoginsPerDay;
    b.accessRequestsPerDay = accessRequestsPerDay;
    b.rfc3339Share = rfc3339Share;
    b.scenarios = new ArrayList<>(scenarios);
    return b;
  }

  /** Builder with the defaults documented on the constants. */
  public static final class Builder {
    private long seed = 1L;
    private long start = DEFAULT_START;
    private int callsPerDay = DEFAULT_CALLS_PER_DAY;
    private String center = DEFAULT_CENTER;
    private ZoneId zone = DEFAULT_ZONE;
    private List<QueueConfig> queues = new ArrayList<>(defaultQueues());
    private double targetServiceLevel = DEFAULT_TARGET_SERVICE_LEVEL;
    private int targetAnswerSeconds = DEFAULT_TARGET_ANSWER_SECONDS;
    private double shrinkage = DEFAULT_SHRINKAGE;
    private double ivrHangupRate = DEFAULT_IVR_HANGUP_RATE;
    private double authFailureRate = DEFAULT_AUTH_FAILURE_RATE;
    private int onlineLoginsPerDay = DEFAULT_ONLINE_LOGINS_PER_DAY;
    private long accessRequestsPerDay = DEFAULT_ACCESS_REQUESTS_PER_DAY;
    private double rfc3339Share = DEFAULT_RFC3339_SHARE;
    private List<Scenario> scenarios = new ArrayList<>();

    private Builder() {}

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder start(long epochMs) {
      start = epochMs;
      return this;
    }

    public Builder start(Instant v) {
      start = v.toEpochMilli();
      return this;
    }

    public Builder callsPerDay(int v) {
      callsPerDay = v;
      return this;
    }

    public Builder center(String v) {
      center = v;
      return this;
    }

    public Builder zone(ZoneId v) {
      zone = v;
      return this;
    }

    public Builder queues(List<QueueConfig> v) {
      queues = new ArrayList<>(v);
      return this;
    }

    public Builder targetServiceLevel(double v) {
      targetServiceLevel = v;
      return this;
    }

    public Builder targetAnswerSeconds(int v) {
      targetAnswerSeconds = v;
      return this;
    }

    public Builder shrinkage(double v) {
      shrinkage = v;
      return this;
    }

    public Builder ivrHangupRate(double v) {
      ivrHangupRate = v;
      return this;
    }

    public Builder authFailureRate(double v) {
      authFailureRate = v;
      return this;
    }

    public Builder onlineLoginsPerDay(int v) {
      onlineLoginsPerDay = v;
      return this;
    }

    public Builder accessRequestsPerDay(long v) {
      accessRequestsPerDay = v;
      return this;
    }

    public Builder rfc3339Share(double v) {
      rfc3339Share = v;
      return this;
    }

    /** Adds one scenario. */
    public Builder scenario(Scenario v) {
      scenarios.add(v);
      return this;
    }

    /** Replaces the scenarios. */
    public Builder scenarios(List<Scenario> v) {
      scenarios = new ArrayList<>(v);
      return this;
    }

    public SimulationConfig build() {
      return new SimulationConfig(
          seed,
          start,
          callsPerDay,
          center,
          zone,
          queues,
          targetServiceLevel,
          targetAnswerSeconds,
          shrinkage,
          ivrHangupRate,
          authFailureRate,
          onlineLoginsPerDay,
          accessRequestsPerDay,
          rfc3339Share,
          scenarios);
    }
  }
}
