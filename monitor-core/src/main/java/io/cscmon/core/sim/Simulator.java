package io.cscmon.core.sim;

import io.cscmon.core.event.AgentState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation of a bank's contact center that writes CONTRACT §1 event lines.
 *
 * <p>Contacts arrive as a non-homogeneous Poisson process (drawn by thinning) following {@link
 * LoadProfile}, per queue and topic; they pass the IVR (self-served, hang-up, or to an agent, with
 * an IVR PIN check for account topics), wait FIFO in their queue, are answered by the longest-idle
 * free agent of the queue or abandon when their patience runs out, and are handled for a lognormal
 * time. Agents are scheduled per half hour with {@link ErlangC} for the target service level plus
 * shrinkage, take breaks, log in and out. Waits, service level and abandonment are not drawn: they
 * emerge from load against staffing. Components report health every 10 s and the online channels
 * write {@code auth} and (pre-aggregated) {@code access} lines, both following the load. {@link
 * Scenario}s change the conditions.
 *
 * <p>{@link #nextLine()} never returns {@code null}: the stream is infinite, in non-decreasing
 * event time. Memory stays bounded (contacts in the system, the agent pool, the recurring
 * processes). The same configuration (seed included) gives the same lines. Not thread-safe.
 */
public final class Simulator {

  private static final long SECOND = 1000L;
  private static final long MINUTE = 60_000L;
  private static final long HALF_HOUR = 30 * MINUTE;
  private static final long DAY = 86_400_000L;
  private static final long HEALTH_INTERVAL = 10 * SECOND;
  private static final long ACCESS_INTERVAL = 10 * SECOND;
  private static final double REQUESTS_PER_ACCESS_LINE = 20.0;
  private static final double MEAN_BREAK_MS = 10 * MINUTE;
  private static final long MAX_PATIENCE_MS = 30 * MINUTE;

  // Event kinds of the agenda.
  private static final int ARRIVAL = 0;
  private static final int IVR_AUTH = 1;
  private static final int IVR_EXIT = 2;
  private static final int ABANDON = 3;
  private static final int TALK_END = 4;
  private static final int CALL_END = 5;
  private static final int BREAK_START = 6;
  private static final int BREAK_END = 7;
  private static final int RECONCILE = 8;
  private static final int HEALTH = 9;
  private static final int LOGIN = 10;
  private static final int ACCESS = 11;
  private static final int INJECT = 12;
  private static final int DEFERRED = 13;
  private static final int CALLBACK = 14;

  /** Probability that a caller who abandoned the queue calls again (PLAN: callers retry). */
  private static final double CALLBACK_AFTER_ABANDON = 0.35;

  /** Probability that a caller who hung up in the IVR calls again. */
  private static final double CALLBACK_AFTER_HANGUP = 0.25;

  /** A caller calls back at most this many times (customers calling back twice). */
  private static final int MAX_CALLBACKS = 2;

  /**
   * Share of app logins and requests that come through a mobile carrier's NAT: a few public IPs
   * each with many customers behind them, normal traffic that must not look like an attack.
   */
  private static final double CARRIER_NAT_SHARE = 0.15;

  private static final byte[][] CARRIER_NAT_IPS = buildCarrierNatIps();

  /** Probability that a customer whose app/web login failed tries again (and mostly succeeds). */
  private static final double LOGIN_RETRY = 0.7;

  // Agent states (internal; AWAY is the scenario-induced absence).
  private static final int OUT = 0;
  private static final int AVAIL = 1;
  private static final int BUSY = 2;
  private static final int WRAP = 3;
  private static final int BREAK = 4;
  private static final int AWAY = 5;

  // IVR outcomes of a contact.
  private static final int HANGUP = 0;
  private static final int SELF_SERVED = 1;
  private static final int TO_AGENT = 2;
  private static final byte[][] IVR_OUTCOMES = asciiAll("hangup", "self_served", "to_agent");

  /** {@link Call#account} of a contact that has none. */
  private static final long NO_ACCOUNT = -1;

  // Call states.
  private static final int IN_IVR = 0;
  private static final int WAITING = 1;
  private static final int ANSWERED = 2;
  private static final int DONE = 3;

  private static final String[] CHANNELS = {"voice", "app", "chat", "video"};
  private static final byte[][] CHANNEL_BYTES = asciiAll(CHANNELS);
  private static final double[] CHANNEL_WEIGHTS = {0.86, 0.08, 0.05, 0.01};
  private final double[] channelScratch = new double[CHANNELS.length];
  private static final List<String> ACCOUNT_TOPICS =
      List.of("balance", "transfer", "card_loss", "credit_card", "loan", "wealth", "fx");
  private static final long[] MOBILE_PREFIXES = {13, 15, 17, 18, 19};
  private static final int[] IP_FIRST_OCTETS = {
    36, 39, 42, 58, 59, 60, 61, 101, 106, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120,
    121, 122, 123, 124, 125, 171, 175, 180, 182, 183, 202, 210, 211, 218, 219, 220, 221, 222, 223
  };
  private static final byte[][] PARTNER_IPS =
      asciiAll(
          "203.119.24.10",
          "203.119.24.11",
          "121.40.88.7",
          "47.96.12.200",
          "114.55.3.41",
          "139.224.7.19");

  private final SimulationConfig cfg;
  private final long start;
  private final long offsetMs;
  private final LoadProfile profile;
  private final LineFormatter formatter;
  private LineBuilder out = new LineBuilder();

  private final SplittableRandom arrivalRng;
  private final SplittableRandom callRng;
  private final SplittableRandom serviceRng;
  private final SplittableRandom agentRng;
  private final SplittableRandom healthRng;
  private final SplittableRandom onlineRng;
  private final SplittableRandom formatRng;
  private final SplittableRandom[] scenarioRng;

  private final Agenda<Ev> agenda = new Agenda<>();
  private long now;

  // Scenarios.
  private final Scenario[] scenarios;
  private final long[] scenarioStart;
  private final long[] scenarioEnd;
  private final boolean onlineScenarios;
  private final double[] onlineBound = {1, 1, 1};

  // Contact streams: one per (queue, topic).
  private final QState[] queues;
  private final int[] streamQueue;
  private final String[] streamTopic;
  private final byte[][] streamTopicBytes;
  private final boolean[] streamAccountTopic;
  private final double[] streamWeight;
  private final double[] streamMaxMult;
  private final double[] streamScratch;
  private final double callsPerMs;
  private final double arrivalBound;
  private long nextCallId = 1;

  // Components.
  private final Component[] components;
  private final Instance[] instances;
  private final int coreBanking;
  private final int ivr;
  private final int voiceGateway;
  private final int acd;
  private final int appApi;
  private final int web;

  // Online channels.
  private final double loginsPerMs;
  private final double loginBound;
  private final double accessLinesPerTick;
  private final Endpoint[] endpoints;
  private final double[] endpointScratch;

  private final TrafficImpl traffic = new TrafficImpl();

  // Gauges for health metrics.
  private int inIvr;
  private int talking;

  public Simulator(SimulationConfig config) {
    this.cfg = config;
    this.start = config.start();
    this.offsetMs =
        config.zone().getRules().getOffset(Instant.ofEpochMilli(start)).getTotalSeconds() * SECOND;
    this.profile = new LoadProfile(offsetMs);
    this.formatter = newFormatter(1 << 12);

    SplittableRandom root = new SplittableRandom(config.seed());
    arrivalRng = root.split();
    callRng = root.split();
    serviceRng = root.split();
    agentRng = root.split();
    healthRng = root.split();
    onlineRng = root.split();
    formatRng = root.split();
    SplittableRandom scenarioRoot = root.split();

    int ns = config.scenarios().size();
    scenarios = config.scenarios().toArray(new Scenario[0]);
    scenarioStart = new long[ns];
    scenarioEnd = new long[ns];
    for (int i = 0; i < ns; i++) {
      scenarioStart[i] = start + scenarios[i].startOffset().toMillis();
      scenarioEnd[i] = scenarioStart[i] + scenarios[i].duration().toMillis();
    }
    scenarioRng = new SplittableRandom[ns];
    boolean online = false;
    for (int i = 0; i < ns; i++) {
      scenarioRng[i] = scenarioRoot.split();
      for (int ch = 0; ch < Endpoint.CHANNELS.length; ch++) {
        double m = Math.max(1.0, scenarios[i].maxOnlineMultiplier(Endpoint.CHANNELS[ch]));
        onlineBound[ch] *= m;
        online |= m > 1.0;
      }
    }
    onlineScenarios = online;

    // Queues and their contact streams.
    double shareSum = 0;
    for (QueueConfig q : config.queues()) {
      shareSum += q.share();
    }
    queues = new QState[config.queues().size()];
    List<int[]> streamRefs = new ArrayList<>();
    List<String> topics = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (int qi = 0; qi < queues.length; qi++) {
      QueueConfig qc = config.queues().get(qi);
      queues[qi] = new QState(qi, qc, qc.share() / shareSum);
      double mixSum = qc.topicMix().values().stream().mapToDouble(Double::doubleValue).sum();
      for (Map.Entry<String, Double> e : qc.topicMix().entrySet()) {
        if (mixSum > 0 && e.getValue() > 0) {
          streamRefs.add(new int[] {qi});
          topics.add(e.getKey());
          weights.add(queues[qi].share * e.getValue() / mixSum);
        }
      }
    }
    int n = topics.size();
    streamQueue = new int[n];
    streamTopic = new String[n];
    streamTopicBytes = new byte[n][];
    streamAccountTopic = new boolean[n];
    streamWeight = new double[n];
    streamMaxMult = new double[n];
    streamScratch = new double[n];
    double maxMult = 0;
    for (int s = 0; s < n; s++) {
      streamQueue[s] = streamRefs.get(s)[0];
      streamTopic[s] = topics.get(s);
      streamTopicBytes[s] = LineBuilder.ascii(topics.get(s));
      streamAccountTopic[s] = ACCOUNT_TOPICS.contains(topics.get(s));
      streamWeight[s] = weights.get(s);
      double m = 1;
      for (Scenario sc : scenarios) {
        m *=
            Math.max(
                1.0, sc.maxArrivalMultiplier(queues[streamQueue[s]].cfg.name(), topics.get(s)));
      }
      streamMaxMult[s] = m;
      maxMult += streamWeight[s] * m;
    }
    callsPerMs = config.callsPerDay() / (double) DAY;
    arrivalBound = callsPerMs * LoadProfile.maxFactor() * maxMult;

    // Components and their instances.
    components = componentTable();
    coreBanking = componentIndex("core_banking");
    ivr = componentIndex("ivr");
    voiceGateway = componentIndex("voice_gateway");
    acd = componentIndex("acd");
    appApi = componentIndex("app_api");
    web = componentIndex("web");
    int database = componentIndex("database");
    components[ivr].deps = new int[] {coreBanking};
    components[componentIndex("crm")].deps = new int[] {database};
    components[coreBanking].deps = new int[] {database};
    components[web].deps = new int[] {coreBanking};
    components[appApi].deps = new int[] {coreBanking};
    List<Instance> inst = new ArrayList<>();
    for (int c = 0; c < components.length; c++) {
      for (int i = 0; i < components[c].instances; i++) {
        inst.add(new Instance(c, Integer.toString(i)));
      }
    }
    instances = inst.toArray(new Instance[0]);

    // Online channels.
    loginsPerMs = config.onlineLoginsPerDay() / (double) DAY;
    loginBound =
        loginsPerMs
            * LoadProfile.maxFactor()
            * Math.max(onlineBound[0], Math.max(onlineBound[1], onlineBound[2]));
    accessLinesPerTick =
        config.accessRequestsPerDay() / REQUESTS_PER_ACCESS_LINE / (DAY / (double) ACCESS_INTERVAL);
    endpoints =
        new Endpoint[] {
          new Endpoint(0, "/api/v1/accounts/balance", null, true, 30),
          new Endpoint(0, "/api/v1/transfers", "transfer", true, 12),
          new Endpoint(0, "/api/v1/cards", "credit_card", true, 8),
          new Endpoint(0, "/api/v1/wealth/products", "wealth", true, 6),
          new Endpoint(0, "/api/v1/fx/rates", "fx", false, 5),
          new Endpoint(0, "/api/v1/messages", null, false, 8),
          new Endpoint(1, "/", null, false, 8),
          new Endpoint(1, "/accounts", null, true, 7),
          new Endpoint(1, "/transfer", "transfer", true, 4),
          new Endpoint(1, "/wealth", "wealth", true, 3),
          new Endpoint(1, "/fx", "fx", false, 2),
          new Endpoint(2, "/openapi/v1/payments", "transfer", true, 4),
          new Endpoint(2, "/openapi/v1/accounts", null, true, 3),
        };
    endpointScratch = new double[endpoints.length];

    // Staffing and agents.
    for (QState q : queues) {
      q.buildPool();
    }

    // Recurring processes.
    schedule(ev(RECONCILE), start);
    schedule(ev(ARRIVAL), start + expMs(arrivalRng, arrivalBound));
    for (int i = 0; i < instances.length; i++) {
      Ev e = ev(HEALTH);
      e.idx = i;
      schedule(e, start + i * HEALTH_INTERVAL / instances.length + healthRng.nextLong(500));
    }
    if (loginBound > 0) {
      schedule(ev(LOGIN), start + expMs(onlineRng, loginBound));
    }
    if (accessLinesPerTick > 0) {
      schedule(ev(ACCESS), start + 5 * SECOND);
    }
    for (int i = 0; i < ns; i++) {
      if (scenarios[i].injectIntervalMs() > 0) {
        Ev e = ev(INJECT);
        e.idx = i;
        schedule(e, scenarioStart[i]);
      }
    }
  }

  /** The configuration this simulator runs. */
  public SimulationConfig config() {
    return cfg;
  }

  /** The next NDJSON line (no trailing newline); never {@code null}. */
  public String nextLine() {
    fill();
    return formatter.toString(out, out.poll());
  }

  /** Event time (epoch ms) of the line {@link #nextLine()} returns next. */
  public long peekTime() {
    fill();
    return out.peekTime();
  }

  /**
   * Writes the lines with event time in [{@code config.start()}, {@code start + span}), one per
   * line, and returns how many it wrote.
   */
  public static long writeNdjson(SimulationConfig config, Duration span, Writer writer) {
    Simulator sim = new Simulator(config);
    long end = config.start() + span.toMillis();
    long count = 0;
    try {
      while (sim.peekTime() < end) {
        writer.write(sim.nextLine());
        writer.write('\n');
        count++;
      }
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count;
  }

  /**
   * As {@link #writeNdjson(SimulationConfig, Duration, Writer)}, as UTF-8 bytes: the fast path to a
   * file (no String and no character encoding per line; the same bytes). This thread simulates
   * while a second one formats and writes ({@link PipelinedWriter}). {@code stream} is flushed, not
   * closed; it is written from the second thread only.
   */
  public static long writeNdjson(SimulationConfig config, Duration span, OutputStream stream) {
    Simulator sim = new Simulator(config);
    try {
      return PipelinedWriter.write(sim, config.start() + span.toMillis(), stream);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A formatter of this simulation's lines (its center and time zone). */
  LineFormatter newFormatter(int capacity) {
    return new LineFormatter(cfg.center(), offsetMs, capacity);
  }

  /**
   * Runs the simulation until its tape holds at least {@code lines} lines or it has reached {@code
   * end}: every line before {@code end} has then been recorded.
   */
  void runUntil(int lines, long end) {
    while (out.size() < lines && now < end) {
      Ev e = agenda.poll();
      now = e.time;
      handle(e);
    }
  }

  /** Whether the simulation has reached {@code time}. */
  boolean reached(long time) {
    return now >= time;
  }

  /** Hands over the tape recorded so far and continues on {@code empty}. */
  LineBuilder swapTape(LineBuilder empty) {
    LineBuilder full = out;
    out = empty;
    return full;
  }

  /**
   * Agents scheduled for {@code queue} in the half hour containing {@code t}: Erlang C for the
   * target service level with the expected load, divided by (1 − shrinkage), at least {@code
   * minAgents}.
   */
  public int scheduledAgents(String queue, long t) {
    for (QState q : queues) {
      if (q.cfg.name().equals(queue)) {
        return q.scheduled(t);
      }
    }
    throw new IllegalArgumentException("no queue " + queue);
  }

  // ---------------------------------------------------------------- engine

  private void fill() {
    while (out.isEmpty()) {
      Ev e = agenda.poll();
      now = e.time;
      handle(e);
    }
  }

  private void handle(Ev e) {
    switch (e.kind) {
      case ARRIVAL -> arrival(e);
      case IVR_AUTH -> ivrAuth(e);
      case IVR_EXIT -> ivrExit(e.call);
      case ABANDON -> abandon(e.call);
      case TALK_END -> talkEnd(e.agent);
      case CALL_END -> callEnd(e.agent, e.call);
      case BREAK_START -> breakStart(e.agent, e.epoch);
      case BREAK_END -> breakEnd(e.agent, e.epoch);
      case RECONCILE -> {
        for (QState q : queues) {
          reconcile(q);
        }
        schedule(e, now + MINUTE);
      }
      case HEALTH -> {
        health(instances[e.idx]);
        schedule(e, now + HEALTH_INTERVAL);
      }
      case LOGIN -> {
        login();
        schedule(e, now + expMs(onlineRng, loginBound));
      }
      case ACCESS -> {
        accessTick();
        schedule(e, now + ACCESS_INTERVAL);
      }
      case INJECT -> {
        int i = e.idx;
        traffic.scenario = i;
        scenarios[i].inject(traffic, now - scenarioStart[i]);
        long next = now + scenarios[i].injectIntervalMs();
        if (next < scenarioEnd[i]) {
          schedule(e, next);
        }
      }
      case DEFERRED -> {
        traffic.scenario = e.idx;
        e.action.run();
      }
      case CALLBACK -> newContact(e.call.queue.index, e.idx, e.call);
      default -> throw new IllegalStateException("unknown event kind " + e.kind);
    }
  }

  private Ev ev(int kind) {
    Ev e = new Ev();
    e.kind = kind;
    return e;
  }

  private void schedule(Ev e, long time) {
    agenda.add(e, Math.max(time, now));
  }

  private LineBuilder begin(byte[] type) {
    return out.begin(type, now, formatRng.nextDouble() < cfg.rfc3339Share());
  }

  // ---------------------------------------------------------------- scenarios

  private boolean active(int i) {
    return now >= scenarioStart[i] && now < scenarioEnd[i];
  }

  private double arrivalMultiplier(String queue, String topic) {
    double m = 1;
    for (int i = 0; i < scenarios.length; i++) {
      if (active(i)) {
        m *= scenarios[i].arrivalMultiplier(queue, topic, now - scenarioStart[i]);
      }
    }
    return m;
  }

  /** The channel of a new contact: the usual mix, reweighted by the active scenarios. */
  private int pickChannel() {
    if (scenarios.length == 0) {
      return pick(callRng, CHANNEL_WEIGHTS, 1.0);
    }
    double total = 0;
    for (int c = 0; c < CHANNELS.length; c++) {
      double w = CHANNEL_WEIGHTS[c];
      for (int i = 0; i < scenarios.length; i++) {
        if (active(i)) {
          w *=
              Math.max(0, scenarios[i].channelShareMultiplier(CHANNELS[c], now - scenarioStart[i]));
        }
      }
      channelScratch[c] = w;
      total += w;
    }
    return total > 0 ? pick(callRng, channelScratch, total) : pick(callRng, CHANNEL_WEIGHTS, 1.0);
  }

  /** The usual share of new contacts that arrive on {@code channel}, 0 for an unknown one. */
  static double channelWeight(String channel) {
    for (int c = 0; c < CHANNELS.length; c++) {
      if (CHANNELS[c].equals(channel)) {
        return CHANNEL_WEIGHTS[c];
      }
    }
    return 0;
  }

  /** The contact channels, in the order of their usual shares. */
  static List<String> channels() {
    return List.of(CHANNELS);
  }

  private double channelPassFraction(String channel) {
    double p = 1;
    for (int i = 0; i < scenarios.length; i++) {
      if (active(i)) {
        p *=
            Math.max(
                0, Math.min(1, scenarios[i].channelPassFraction(channel, now - scenarioStart[i])));
      }
    }
    return p;
  }

  private double onlineMultiplier(String channel) {
    double m = 1;
    for (int i = 0; i < scenarios.length; i++) {
      if (active(i)) {
        m *= scenarios[i].onlineMultiplier(channel, now - scenarioStart[i]);
      }
    }
    return m;
  }

  /** Planned-load factor of {@code queue} for the scenarios covering time {@code t}. */
  private double forecastMultiplier(String queue, long t) {
    double m = 1;
    for (int i = 0; i < scenarios.length; i++) {
      if (t >= scenarioStart[i] && t < scenarioEnd[i]) {
        m *= scenarios[i].forecastMultiplier(queue, t - scenarioStart[i]);
      }
    }
    return m;
  }

  private boolean healthSuppressed(Instance in) {
    for (int i = 0; i < scenarios.length; i++) {
      if (active(i)
          && scenarios[i].healthSuppressed(
              components[in.component].name, in.name, now - scenarioStart[i])) {
        return true;
      }
    }
    return false;
  }

  private boolean instanceDown(Instance in) {
    for (int i = 0; i < scenarios.length; i++) {
      if (active(i)
          && scenarios[i].instanceDown(
              components[in.component].name, in.name, now - scenarioStart[i])) {
        return true;
      }
    }
    return false;
  }

  /** Whether at least one instance of the component is up (its process answers). */
  private boolean anyInstanceUp(int component) {
    if (scenarios.length == 0) {
      return true;
    }
    for (Instance in : instances) {
      if (in.component == component && !instanceDown(in)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the component can serve: one of its instances is up and everything it depends on can
   * serve.
   */
  private boolean available(int component) {
    if (!anyInstanceUp(component)) {
      return false;
    }
    for (int d : components[component].deps) {
      if (!available(d)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- contacts

  /** One candidate of the thinned arrival process. */
  private void arrival(Ev e) {
    double base = callsPerMs * profile.factor(now);
    double total = 0;
    for (int s = 0; s < streamWeight.length; s++) {
      double w = streamWeight[s];
      if (scenarios.length > 0) {
        w *= arrivalMultiplier(queues[streamQueue[s]].cfg.name(), streamTopic[s]);
      }
      streamScratch[s] = w;
      total += w;
    }
    if (arrivalRng.nextDouble() * arrivalBound < base * total) {
      int s = pick(arrivalRng, streamScratch, total);
      newContact(streamQueue[s], s, null);
    }
    schedule(e, now + expMs(arrivalRng, arrivalBound));
  }

  /**
   * A contact of {@code stream} arrives in queue {@code qi}; {@code previous} is the earlier
   * contact of a caller calling back (same channel and ANI), else {@code null}.
   */
  private void newContact(int qi, int stream, Call previous) {
    QState q = queues[qi];
    int ch = previous != null ? previous.channelIndex() : pickChannel();
    boolean voice = ch == 0 || ch == 3;
    if (voice && !available(voiceGateway)) {
      return; // the call cannot reach the center at all
    }
    if (scenarios.length > 0) {
      double pass = channelPassFraction(CHANNELS[ch]);
      if (pass < 1 && callRng.nextDouble() >= pass) {
        return; // lost on the way (a failed trunk): no trace in the center
      }
    }
    Call c = new Call();
    c.id = nextCallId++;
    c.queue = q;
    c.topic = streamTopic[stream];
    c.topicBytes = streamTopicBytes[stream];
    c.arrivedAt = now;
    c.channel = ch;
    c.stream = stream;
    if (previous != null) {
      c.aniDevice = previous.aniDevice;
      c.aniNumber = previous.aniNumber;
      c.attempt = previous.attempt + 1;
    } else if (voice) {
      c.aniNumber = mobileNumberDigits(callRng);
    } else {
      c.aniDevice = true;
      c.aniNumber = callRng.nextLong();
    }
    c.ani(
        begin(Fields.CALL)
            .callId(Fields.CALL_ID, c.id)
            .str(Fields.PHASE, Fields.ARRIVED)
            .str(Fields.CHANNEL, CHANNEL_BYTES[ch]),
        Fields.ANI);
    out.str(Fields.TOPIC, c.topicBytes).end(now);
    inIvr++;

    boolean ivrUp = anyInstanceUp(ivr);
    boolean coreUp = available(coreBanking);
    double selfServe =
        !ivrUp ? 0 : coreUp ? q.cfg.selfServiceRate() : q.cfg.selfServiceRate() * 0.15;
    double u = callRng.nextDouble();
    long ivrMs;
    if (u < cfg.ivrHangupRate()) {
      c.ivrOutcome = HANGUP;
      ivrMs = lognormalMs(callRng, 25, 0.7);
    } else if (u < cfg.ivrHangupRate() + selfServe) {
      c.ivrOutcome = SELF_SERVED;
      ivrMs = lognormalMs(callRng, 75, 0.5);
    } else {
      c.ivrOutcome = TO_AGENT;
      ivrMs = ivrUp ? lognormalMs(callRng, 35, 0.4) : 3 * SECOND;
    }
    ivrMs = Math.max(ivrMs, 4 * SECOND);
    c.ivrExit = now + ivrMs;
    if (voice && ivrUp && coreUp && streamAccountTopic[stream]) {
      Ev a = ev(IVR_AUTH);
      a.call = c;
      a.idx = 0;
      c.account =
          previous != null && previous.account != NO_ACCOUNT
              ? previous.account
              : accountHash(callRng);
      long at = Math.min(2 * SECOND + callRng.nextLong(15 * SECOND), ivrMs / 2);
      schedule(a, now + at);
    }
    Ev x = ev(IVR_EXIT);
    x.call = c;
    schedule(x, now + ivrMs);
  }

  private void ivrAuth(Ev e) {
    Call c = e.call;
    boolean ok = callRng.nextDouble() >= cfg.authFailureRate();
    c.ani(begin(Fields.AUTH).str(Fields.CHANNEL, Fields.IVR), Fields.SOURCE)
        .hex(Fields.ACCOUNT, Fields.ACCOUNT_PREFIX, c.account)
        .str(Fields.RESULT, ok ? Fields.SUCCESS : Fields.FAILURE)
        .str(Fields.METHOD, Fields.PIN)
        .end(now);
    if (!ok && e.idx == 0 && callRng.nextDouble() < 0.5 && c.state == IN_IVR) {
      e.idx = 1; // one retry, a few seconds later, still inside the IVR
      long retryAt = now + 3 * SECOND + callRng.nextLong(5 * SECOND);
      if (retryAt < c.ivrExitAt()) {
        schedule(e, retryAt);
      }
    }
  }

  private void ivrExit(Call c) {
    inIvr--;
    c.topic(begin(Fields.CALL).callId(Fields.CALL_ID, c.id).str(Fields.PHASE, Fields.IVR_EXIT))
        .str(Fields.IVR_OUTCOME, IVR_OUTCOMES[c.ivrOutcome])
        .end(now);
    if (c.ivrOutcome != TO_AGENT) {
      c.state = DONE;
      if (c.ivrOutcome == HANGUP) {
        maybeCallBack(c, CALLBACK_AFTER_HANGUP);
      }
      return;
    }
    QState q = c.queue;
    c.queuedAt = now;
    c.topic(begin(Fields.CALL).callId(Fields.CALL_ID, c.id).str(Fields.PHASE, Fields.QUEUED))
        .str(Fields.QUEUE, q.nameBytes)
        .end(now);
    Agent a = q.pollIdle();
    if (a != null) {
      answer(c, a);
      return;
    }
    c.state = WAITING;
    q.waiting.addLast(c);
    q.waitingCount++;
    long patience =
        Math.min(MAX_PATIENCE_MS, expMs(serviceRng, 1.0 / (q.cfg.meanPatienceSeconds() * SECOND)));
    Ev e = ev(ABANDON);
    e.call = c;
    schedule(e, now + patience);
  }

  private void abandon(Call c) {
    if (c.state != WAITING) {
      return;
    }
    c.state = DONE;
    QState q = c.queue;
    q.waitingCount--;
    c.topic(begin(Fields.CALL).callId(Fields.CALL_ID, c.id).str(Fields.PHASE, Fields.ABANDONED))
        .str(Fields.QUEUE, q.nameBytes)
        .num(Fields.WAIT_MS, now - c.queuedAt)
        .end(now);
    q.purgeHead();
    maybeCallBack(c, CALLBACK_AFTER_ABANDON);
  }

  /** The caller of {@code c} tries again, a few minutes later, with the same ANI and topic. */
  private void maybeCallBack(Call c, double probability) {
    if (c.injected || c.attempt >= MAX_CALLBACKS || callRng.nextDouble() >= probability) {
      return;
    }
    Ev e = ev(CALLBACK);
    e.call = c;
    e.idx = c.stream;
    schedule(e, now + 30 * SECOND + lognormalMs(callRng, 180, 0.8));
  }

  private void answer(Call c, Agent a) {
    QState q = c.queue;
    if (c.state == WAITING) {
      q.waitingCount--;
    }
    c.state = ANSWERED;
    talking++;
    c.topic(begin(Fields.CALL).callId(Fields.CALL_ID, c.id).str(Fields.PHASE, Fields.ANSWERED))
        .str(Fields.QUEUE, q.nameBytes)
        .num(Fields.WAIT_MS, now - c.queuedAt)
        .str(Fields.AGENT_ID, a.id)
        .end(now);
    a.state = BUSY;
    a.call = c;
    agentLine(a, Fields.BUSY);
    long handle =
        Math.max(
            20 * SECOND, lognormalMs(serviceRng, q.cfg.meanHandleSeconds(), q.cfg.handleSigma()));
    long wrap = Math.min(handle / 2, (long) (handle * 0.12) + serviceRng.nextLong(15 * SECOND));
    c.handleMs = handle;
    Ev t = ev(TALK_END);
    t.agent = a;
    schedule(t, now + handle - wrap);
    Ev end = ev(CALL_END);
    end.agent = a;
    end.call = c;
    schedule(end, now + handle);
  }

  private void talkEnd(Agent a) {
    a.state = WRAP;
    agentLine(a, Fields.WRAP_UP);
  }

  private void callEnd(Agent a, Call c) {
    talking--;
    c.state = DONE;
    c.topic(begin(Fields.CALL).callId(Fields.CALL_ID, c.id).str(Fields.PHASE, Fields.ENDED))
        .str(Fields.QUEUE, c.queue.nameBytes)
        .str(Fields.AGENT_ID, a.id)
        .num(Fields.HANDLE_MS, c.handleMs)
        .str(Fields.OUTCOME, outcome(c))
        .end(now);
    a.call = null;
    if (a.pendingLogout) {
      logout(a);
    } else if (a.pendingAway) {
      goAway(a, a.awayLoggedOut);
    } else if (a.pendingBreak) {
      startBreak(a);
    } else {
      becomeAvailable(a);
    }
  }

  private static final byte[] RESOLVED = LineBuilder.ascii("resolved");
  private static final byte[] ESCALATED = LineBuilder.ascii("escalated");
  private static final byte[] TRANSFERRED = LineBuilder.ascii("transferred");
  private static final byte[] COMPLAINT = LineBuilder.ascii("complaint");

  private byte[] outcome(Call c) {
    double u = serviceRng.nextDouble();
    if ("complaint".equals(c.topic)) {
      // PLAN §二(2): complaint resolution above 90 %.
      return u < 0.91 ? RESOLVED : u < 0.98 ? ESCALATED : u < 0.995 ? TRANSFERRED : COMPLAINT;
    }
    return u < 0.91 ? RESOLVED : u < 0.96 ? TRANSFERRED : u < 0.985 ? ESCALATED : COMPLAINT;
  }

  // ---------------------------------------------------------------- agents

  private void agentLine(Agent a, byte[] state) {
    begin(Fields.AGENT)
        .str(Fields.AGENT_ID, a.id)
        .str(Fields.STATE, state)
        .raw(Fields.QUEUES, a.queue.queuesJson)
        .end(now);
  }

  /** The agent is free: takes the oldest waiting contact of its queue, or waits for one. */
  private void becomeAvailable(Agent a) {
    a.state = AVAIL;
    a.pendingBreak = false;
    agentLine(a, Fields.AVAILABLE);
    Call c = a.queue.pollWaiting();
    if (c != null) {
      answer(c, a);
    } else if (!a.inIdle) {
      a.inIdle = true;
      a.queue.idle.addLast(a);
    }
  }

  private void login(Agent a) {
    a.epoch++;
    a.pendingAway = a.pendingLogout = a.pendingBreak = false;
    scheduleBreak(a);
    becomeAvailable(a);
  }

  private void logout(Agent a) {
    a.epoch++;
    a.state = OUT;
    a.pendingAway = a.pendingLogout = a.pendingBreak = false;
    agentLine(a, Fields.LOGGED_OUT);
  }

  private void goAway(Agent a, boolean loggedOut) {
    a.epoch++;
    a.state = AWAY;
    a.awayLoggedOut = loggedOut;
    a.pendingAway = a.pendingLogout = a.pendingBreak = false;
    agentLine(a, loggedOut ? Fields.LOGGED_OUT : Fields.NOT_READY);
  }

  private void startBreak(Agent a) {
    a.state = BREAK;
    a.pendingBreak = false;
    agentLine(a, Fields.NOT_READY);
    Ev e = ev(BREAK_END);
    e.agent = a;
    e.epoch = a.epoch;
    schedule(e, now + (long) (MEAN_BREAK_MS * (0.5 + agentRng.nextDouble())));
  }

  private void scheduleBreak(Agent a) {
    double s = cfg.shrinkage();
    if (s <= 0) {
      return;
    }
    double meanWork = MEAN_BREAK_MS * (1 - s) / s;
    Ev e = ev(BREAK_START);
    e.agent = a;
    e.epoch = a.epoch;
    schedule(e, now + expMs(agentRng, 1.0 / meanWork));
  }

  private void breakStart(Agent a, int epoch) {
    if (epoch != a.epoch) {
      return;
    }
    if (a.state == AVAIL) {
      startBreak(a);
    } else if (a.state == BUSY || a.state == WRAP) {
      a.pendingBreak = true;
    }
  }

  private void breakEnd(Agent a, int epoch) {
    if (epoch != a.epoch || a.state != BREAK) {
      return;
    }
    scheduleBreak(a);
    becomeAvailable(a);
  }

  /**
   * Brings the queue's agents in line with the schedule and the active scenarios: agents [0,
   * working) take calls, [working, scheduled) are away, the rest are logged out. Agents on a call
   * change when it ends.
   */
  private void reconcile(QState q) {
    int scheduled = q.scheduled(now);
    double present = 1;
    boolean awayLoggedOut = false;
    for (int i = 0; i < scenarios.length; i++) {
      if (active(i)) {
        double f = scenarios[i].agentsAwayFraction(q.cfg.name(), now - scenarioStart[i]);
        if (f > 0) {
          present *= 1 - Math.min(1, f);
          awayLoggedOut |= scenarios[i].awayState() == AgentState.LOGGED_OUT;
        }
      }
    }
    int working = (int) Math.round(scheduled * present);
    for (int i = 0; i < q.pool.length; i++) {
      Agent a = q.pool[i];
      if (i < working) {
        switch (a.state) {
          case OUT, AWAY -> login(a);
          case BUSY, WRAP -> a.pendingAway = a.pendingLogout = false;
          default -> {}
        }
      } else if (i < scheduled) {
        switch (a.state) {
          case AVAIL, BREAK -> goAway(a, awayLoggedOut);
          case BUSY, WRAP -> {
            a.pendingAway = true;
            a.pendingLogout = false;
            a.awayLoggedOut = awayLoggedOut;
          }
          default -> {}
        }
      } else {
        switch (a.state) {
          case AVAIL, BREAK -> logout(a);
          case AWAY -> {
            if (a.awayLoggedOut) {
              a.state = OUT;
              a.epoch++;
            } else {
              logout(a);
            }
          }
          case BUSY, WRAP -> {
            a.pendingLogout = true;
            a.pendingAway = false;
          }
          default -> {}
        }
      }
    }
  }

  // ---------------------------------------------------------------- health

  private void health(Instance in) {
    Component c = components[in.component];
    double load = profile.factor(now);
    double share = 1.0 / c.instances;
    double noise = 0.9 + 0.2 * healthRng.nextDouble();
    double latencyMult = 1;
    double requestMult = 1;
    double extraErrors = 0;
    if (scenarios.length > 0) {
      if (healthSuppressed(in)) {
        return; // silent: no line at all
      }
      for (int i = 0; i < scenarios.length; i++) {
        if (active(i)) {
          long el = now - scenarioStart[i];
          latencyMult *= scenarios[i].latencyMultiplier(c.name, el);
          requestMult *= scenarios[i].requestMultiplier(c.name, el);
          extraErrors += scenarios[i].extraErrorRate(c.name, el);
        }
      }
    }
    long requests = Math.round(c.requestsPer10s * load * share * noise * requestMult);
    LineBuilder b =
        begin(Fields.HEALTH).str(Fields.COMPONENT, c.nameBytes).str(Fields.INSTANCE, in.nameBytes);
    if (instanceDown(in)) {
      b.bool(Fields.UP, false)
          .dec(Fields.LATENCY_P50_MS, 3000)
          .dec(Fields.LATENCY_P99_MS, 5000)
          .num(Fields.REQUESTS, requests)
          .num(Fields.ERRORS, requests);
      b.end(now);
      return;
    }
    boolean degraded = false;
    if (scenarios.length > 0) {
      for (int d : c.deps) {
        degraded |= !available(d);
      }
    }
    double errRate = degraded ? 0.3 : c.errorRate * (0.5 + healthRng.nextDouble());
    errRate = Math.min(1, errRate + extraErrors);
    long errors = Math.round(requests * errRate);
    double p50 = c.latencyMs * (1 + 0.15 * load) * (0.9 + 0.2 * healthRng.nextDouble());
    if (degraded) {
      p50 *= 4;
    }
    p50 *= latencyMult;
    double p99 = p50 * (3 + 1.5 * healthRng.nextDouble());
    double cpu =
        Math.min(
            0.97,
            c.cpuBase + 0.2 * load * Math.min(3.5, requestMult) + 0.04 * healthRng.nextDouble());
    double mem = Math.min(0.95, c.memBase + 0.04 * load + 0.02 * healthRng.nextDouble());
    b.bool(Fields.UP, true)
        .dec(Fields.LATENCY_P50_MS, p50)
        .dec(Fields.LATENCY_P99_MS, p99)
        .num(Fields.REQUESTS, requests)
        .num(Fields.ERRORS, errors)
        .dec(Fields.CPU, cpu)
        .dec(Fields.MEMORY, mem);
    if (in.component == voiceGateway) {
      int active = inIvr + talking;
      for (QState q : queues) {
        active += q.waitingCount;
      }
      b.open(Fields.METRICS).member(true, Fields.ACTIVE_CALLS, Math.round(active * share)).close();
    } else if (in.component == ivr) {
      b.open(Fields.METRICS).member(true, Fields.SESSIONS, Math.round(inIvr * share)).close();
    } else if (in.component == acd) {
      int waiting = 0;
      int loggedIn = 0;
      int availableAgents = 0;
      for (QState q : queues) {
        waiting += q.waitingCount;
        for (Agent a : q.pool) {
          if (a.state != OUT && !(a.state == AWAY && a.awayLoggedOut)) {
            loggedIn++;
          }
          if (a.state == AVAIL) {
            availableAgents++;
          }
        }
      }
      b.open(Fields.METRICS)
          .member(true, Fields.QUEUED_CALLS, waiting)
          .member(false, Fields.AGENTS_LOGGED_IN, loggedIn)
          .member(false, Fields.AGENTS_AVAILABLE, availableAgents)
          .close();
    }
    b.end(now);
  }

  private int componentIndex(String name) {
    for (int i = 0; i < components.length; i++) {
      if (components[i].name.equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException(name);
  }

  // ---------------------------------------------------------------- online channels

  private static final double[] LOGIN_CHANNEL_WEIGHTS = {0.70, 0.25, 0.05};

  private void login() {
    double rate = loginsPerMs * profile.factor(now);
    int channel;
    if (!onlineScenarios) {
      if (onlineRng.nextDouble() * loginBound >= rate) {
        return; // thinned out
      }
      double u = onlineRng.nextDouble();
      channel = u < 0.70 ? Endpoint.APP : u < 0.95 ? Endpoint.WEB : Endpoint.API;
    } else {
      double[] w = new double[3];
      double total = 0;
      for (int ch = 0; ch < 3; ch++) {
        w[ch] = LOGIN_CHANNEL_WEIGHTS[ch] * onlineMultiplier(Endpoint.CHANNELS[ch]);
        total += w[ch];
      }
      if (onlineRng.nextDouble() * loginBound >= rate * total) {
        return; // thinned out
      }
      channel = pick(onlineRng, w, total);
    }
    if (!available(channel == Endpoint.WEB ? web : appApi)) {
      return; // no login is possible; the access lines show the 503s and 504s
    }
    byte[] sourceName = onlineSourceName(channel);
    long sourceIp = sourceName == null ? clientIpOctets(onlineRng) : 0;
    double m = onlineRng.nextDouble();
    byte[] method =
        channel == Endpoint.API
            ? Fields.OTP
            : m < 0.65 ? Fields.PASSWORD : m < 0.9 ? Fields.OTP : Fields.VOICEPRINT;
    boolean ok = onlineRng.nextDouble() >= cfg.authFailureRate();
    long account = accountHash(onlineRng);
    loginLine(channel, sourceName, sourceIp, account, ok, method);
    if (!ok && channel != Endpoint.API && onlineRng.nextDouble() < LOGIN_RETRY) {
      // A customer who mistyped tries again a few seconds later, mostly with success.
      boolean retryOk = onlineRng.nextDouble() < 0.8;
      Ev e = ev(DEFERRED);
      e.action = () -> loginLine(channel, sourceName, sourceIp, account, retryOk, method);
      schedule(e, now + 4 * SECOND + onlineRng.nextLong(25 * SECOND));
    }
  }

  /**
   * The source of an online request on {@code channel} when it is a fixed address (a partner's, a
   * carrier NAT's), else {@code null}: then it is a random client IP, drawn next.
   */
  private byte[] onlineSourceName(int channel) {
    if (channel == Endpoint.API) {
      return PARTNER_IPS[onlineRng.nextInt(PARTNER_IPS.length)];
    }
    if (channel == Endpoint.APP && onlineRng.nextDouble() < CARRIER_NAT_SHARE) {
      return CARRIER_NAT_IPS[onlineRng.nextInt(CARRIER_NAT_IPS.length)];
    }
    return null;
  }

  private static LineBuilder source(LineBuilder b, byte[] name, long ip) {
    return name != null ? b.str(Fields.SOURCE, name) : b.ipv4(Fields.SOURCE, ip);
  }

  private void loginLine(
      int channel, byte[] sourceName, long sourceIp, long account, boolean ok, byte[] method) {
    source(
            begin(Fields.AUTH).str(Fields.CHANNEL, Endpoint.CHANNEL_BYTES[channel]),
            sourceName,
            sourceIp)
        .hex(Fields.ACCOUNT, Fields.ACCOUNT_PREFIX, account)
        .str(Fields.RESULT, ok ? Fields.SUCCESS : Fields.FAILURE)
        .str(Fields.METHOD, method)
        .end(now);
  }

  private void accessTick() {
    double load = profile.factor(now);
    double total = 0;
    for (int i = 0; i < endpoints.length; i++) {
      Endpoint ep = endpoints[i];
      double w = ep.weight;
      if (ep.topic != null && scenarios.length > 0) {
        w *= arrivalMultiplier(null, ep.topic);
      }
      if (onlineScenarios) {
        w *= onlineMultiplier(Endpoint.CHANNELS[ep.channel]);
      }
      endpointScratch[i] = w;
      total += w;
    }
    double mult = total / Endpoint.BASE_TOTAL;
    int n = Scenarios.poisson(onlineRng, accessLinesPerTick * load * mult);
    boolean[] up = {anyInstanceUp(appApi), anyInstanceUp(web), anyInstanceUp(appApi)};
    boolean core = available(coreBanking);
    for (int k = 0; k < n; k++) {
      Endpoint ep = endpoints[pick(onlineRng, endpointScratch, total)];
      byte[] sourceName = onlineSourceName(ep.channel);
      long sourceIp = sourceName == null ? clientIpOctets(onlineRng) : 0;
      long count = 1 + (long) (Math.log(1 - onlineRng.nextDouble()) / Math.log(0.95));
      int status;
      double latency = lognormalMs(onlineRng, 0.080, 0.6);
      if (!up[ep.channel]) {
        status = 503;
        latency = 5 + onlineRng.nextDouble() * 10;
      } else if (ep.needsCore && !core) {
        status = 504;
        latency = 5000;
      } else {
        double s = onlineRng.nextDouble();
        status =
            s < 0.945
                ? 200
                : s < 0.965 ? 304 : s < 0.98 ? 401 : s < 0.99 ? 404 : s < 0.996 ? 429 : 500;
      }
      source(
              begin(Fields.ACCESS).str(Fields.CHANNEL, Endpoint.CHANNEL_BYTES[ep.channel]),
              sourceName,
              sourceIp)
          .str(Fields.ENDPOINT, ep.path)
          .num(Fields.STATUS, status)
          .dec(Fields.LATENCY_MS, latency)
          .num(Fields.COUNT, count)
          .end(now);
    }
  }

  // ---------------------------------------------------------------- injected traffic

  /** The {@link Traffic} handed to scenarios; {@link #scenario} is the one being served. */
  private final class TrafficImpl implements Traffic {
    int scenario;

    @Override
    public long now() {
      return now;
    }

    @Override
    public SplittableRandom rng() {
      return scenarioRng[scenario];
    }

    @Override
    public void later(long delayMs, Runnable action) {
      Ev e = ev(DEFERRED);
      e.idx = scenario;
      e.action = action;
      schedule(e, now + Math.max(0, delayMs));
    }

    @Override
    public String ivrCall(String channel, String ani, String topic, long ivrMs) {
      boolean voice = channel.equals("voice") || channel.equals("video");
      if (voice && !Simulator.this.available(voiceGateway)) {
        return null;
      }
      double pass = channelPassFraction(channel);
      if (pass < 1 && rng().nextDouble() >= pass) {
        return null;
      }
      Call c = new Call();
      c.id = nextCallId++;
      c.topic = topic;
      c.arrivedAt = now;
      c.channel = -1;
      c.aniText = ani;
      c.injected = true;
      c.ivrOutcome = HANGUP;
      LineBuilder b =
          begin(Fields.CALL)
              .callId(Fields.CALL_ID, c.id)
              .str(Fields.PHASE, Fields.ARRIVED)
              .str(Fields.CHANNEL, channel)
              .str(Fields.ANI, ani);
      c.topic(b).end(now);
      inIvr++;
      Ev x = ev(IVR_EXIT);
      x.call = c;
      schedule(x, now + Math.max(1, ivrMs));
      return "c-" + c.id;
    }

    @Override
    public void auth(
        String channel, String source, String account, boolean success, String method) {
      LineBuilder b =
          begin(Fields.AUTH)
              .str(Fields.CHANNEL, channel)
              .str(Fields.SOURCE, source)
              .str(Fields.ACCOUNT, account)
              .str(Fields.RESULT, success ? Fields.SUCCESS : Fields.FAILURE);
      if (method != null) {
        b.str(Fields.METHOD, method);
      }
      b.end(now);
    }

    @Override
    public void access(
        String channel, String source, String endpoint, int status, double latencyMs, long count) {
      begin(Fields.ACCESS)
          .str(Fields.CHANNEL, channel)
          .str(Fields.SOURCE, source)
          .str(Fields.ENDPOINT, endpoint)
          .num(Fields.STATUS, status)
          .dec(Fields.LATENCY_MS, latencyMs)
          .num(Fields.COUNT, Math.max(1, count))
          .end(now);
    }

    @Override
    public boolean available(String component) {
      for (int i = 0; i < components.length; i++) {
        if (components[i].name.equals(component)) {
          return Simulator.this.available(i);
        }
      }
      return false;
    }

    @Override
    public String mobileNumber() {
      return Long.toString(mobileNumberDigits(rng()));
    }

    @Override
    public String account() {
      return "acct-" + Long.toHexString(accountHash(rng()));
    }

    @Override
    public String clientIp() {
      long ip = clientIpOctets(rng());
      return (ip >>> 24) + "." + (ip >>> 16 & 0xff) + "." + (ip >>> 8 & 0xff) + "." + (ip & 0xff);
    }
  }

  // ---------------------------------------------------------------- random helpers

  /** Exponential inter-event time in ms for a rate per ms (at least 1 ms). */
  private static long expMs(SplittableRandom rng, double ratePerMs) {
    return 1 + (long) (-Math.log(1 - rng.nextDouble()) / ratePerMs);
  }

  /** Lognormal duration in ms with the given mean (seconds) and sigma. */
  private static long lognormalMs(SplittableRandom rng, double meanSeconds, double sigma) {
    double mu = Math.log(meanSeconds * SECOND) - sigma * sigma / 2;
    return (long) Math.exp(mu + sigma * rng.nextGaussian());
  }

  private static int pick(SplittableRandom rng, double[] weights, double total) {
    double u = rng.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /**
   * A random mobile number as its 11 digits: a two-digit prefix, then nine digits (the nine drawn
   * first). As a number, since it is written far more often than read.
   */
  private static long mobileNumberDigits(SplittableRandom rng) {
    long n = rng.nextLong(9_000_000_000L) % 1_000_000_000L;
    return MOBILE_PREFIXES[rng.nextInt(MOBILE_PREFIXES.length)] * 1_000_000_000L + n;
  }

  /**
   * A customer account from a population of five million (hashed-looking): the number whose hex
   * digits follow {@code acct-}.
   */
  private static long accountHash(SplittableRandom rng) {
    long n = rng.nextLong(5_000_000L);
    return 0x9E3779B97F4A7C15L * (n + 1) >>> 28;
  }

  /** 24 public addresses of mobile carriers' NAT gateways (fixed, so the same in every run). */
  private static byte[][] buildCarrierNatIps() {
    String[] prefixes = {"117.136.", "223.104.", "112.97.", "39.144."};
    byte[][] ips = new byte[24][];
    for (int i = 0; i < ips.length; i++) {
      ips[i] = LineBuilder.ascii(prefixes[i % prefixes.length] + (10 + i * 7) + "." + (20 + i * 3));
    }
    return ips;
  }

  /** A random consumer IPv4 address, its four octets big-endian in the low 32 bits. */
  private static long clientIpOctets(SplittableRandom rng) {
    long a = IP_FIRST_OCTETS[rng.nextInt(IP_FIRST_OCTETS.length)];
    long b = rng.nextInt(256);
    long c = rng.nextInt(256);
    long d = 1 + rng.nextInt(254);
    return a << 24 | b << 16 | c << 8 | d;
  }

  private static byte[][] asciiAll(String... values) {
    byte[][] out = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = LineBuilder.ascii(values[i]);
    }
    return out;
  }

  // ---------------------------------------------------------------- model objects

  /** One entry of the agenda. Recurring processes reuse theirs. */
  private static final class Ev extends Agenda.Entry {
    int kind;
    int idx;
    int epoch;
    Call call;
    Agent agent;
    Runnable action;
  }

  /** A contact. Its identifiers are numbers, written by {@link LineFormatter} as before. */
  private static final class Call {
    long id; // "c-" + id
    QState queue;
    String topic;
    byte[] topicBytes; // the topic of a stream; null for injected contacts
    int ivrOutcome;
    long aniNumber; // a mobile number's digits, or a device id's hex ("dev-" + hex)
    boolean aniDevice;
    String aniText; // the ANI an injected contact came from, else null
    long account = NO_ACCOUNT; // hex digits of "acct-…"
    int state = IN_IVR;
    long arrivedAt;
    long queuedAt;
    long handleMs;
    long ivrExit = Long.MAX_VALUE;
    int channel; // index into CHANNELS; -1 for injected contacts
    int attempt;
    boolean injected;
    int stream;

    int channelIndex() {
      return Math.max(0, channel);
    }

    long ivrExitAt() {
      return ivrExit;
    }

    /** Writes the ANI under {@code key}. */
    LineBuilder ani(LineBuilder b, int key) {
      if (aniText != null) {
        return b.str(key, aniText);
      }
      return aniDevice ? b.hex(key, Fields.DEVICE_PREFIX, aniNumber) : b.digits(key, aniNumber);
    }

    /** Writes the topic, if the contact has one. */
    LineBuilder topic(LineBuilder b) {
      if (topicBytes != null) {
        return b.str(Fields.TOPIC, topicBytes);
      }
      return topic != null ? b.str(Fields.TOPIC, topic) : b;
    }
  }

  private static final class Agent {
    final byte[] id;
    final QState queue;
    int state = OUT;
    int epoch;
    boolean inIdle;
    boolean pendingBreak;
    boolean pendingAway;
    boolean pendingLogout;
    boolean awayLoggedOut;
    Call call;

    Agent(String id, QState queue) {
      this.id = LineBuilder.ascii(id);
      this.queue = queue;
    }
  }

  /** Runtime state of one queue: waiting contacts, idle agents, the agent pool, the schedule. */
  private final class QState {
    final int index;
    final QueueConfig cfg;
    final String name;
    final byte[] nameBytes;
    final double share;
    final byte[] queuesJson;
    final ArrayDeque<Call> waiting = new ArrayDeque<>();
    final ArrayDeque<Agent> idle = new ArrayDeque<>();
    Agent[] pool = new Agent[0];
    int waitingCount;
    long cachedSlot = Long.MIN_VALUE;
    int cachedScheduled;

    QState(int index, QueueConfig cfg, double share) {
      this.index = index;
      this.cfg = cfg;
      this.name = cfg.name();
      this.nameBytes = LineBuilder.ascii(cfg.name());
      this.share = share;
      this.queuesJson = LineBuilder.ascii("[\"" + cfg.name() + "\"]");
    }

    /** Sizes the pool for the busiest half hour of the week and of the scenarios' windows. */
    void buildPool() {
      long firstSlot = Math.floorDiv(start + offsetMs, HALF_HOUR);
      int max = 0;
      for (long s = firstSlot; s < firstSlot + 7 * 48; s++) {
        max = Math.max(max, computeScheduled(s * HALF_HOUR - offsetMs));
      }
      for (int i = 0; i < scenarios.length; i++) {
        long from = Math.floorDiv(scenarioStart[i] + offsetMs, HALF_HOUR);
        long to = Math.min(from + 7 * 48, Math.floorDiv(scenarioEnd[i] + offsetMs, HALF_HOUR));
        for (long s = Math.max(from, firstSlot + 7 * 48); s <= to; s++) {
          max = Math.max(max, computeScheduled(s * HALF_HOUR - offsetMs));
        }
      }
      pool = new Agent[max];
      int width = Math.max(3, Integer.toString(max).length());
      for (int i = 0; i < max; i++) {
        String num = Integer.toString(i + 1);
        pool[i] = new Agent("a-" + name + "-" + "0".repeat(width - num.length()) + num, this);
      }
    }

    int scheduled(long t) {
      long slot = Math.floorDiv(t + offsetMs, HALF_HOUR);
      if (slot != cachedSlot) {
        cachedSlot = slot;
        cachedScheduled = Math.min(pool.length, computeScheduled(slot * HALF_HOUR - offsetMs));
      }
      return cachedScheduled;
    }

    private int computeScheduled(long slotStart) {
      double toAgent = 1 - cfg.selfServiceRate() - Simulator.this.cfg.ivrHangupRate();
      double perSecond =
          Simulator.this.cfg.callsPerDay()
              / 86_400.0
              * profile.meanFactor(slotStart, HALF_HOUR)
              * (scenarios.length > 0
                  ? forecastMultiplier(cfg.name(), slotStart + HALF_HOUR / 2)
                  : 1.0)
              * share
              * toAgent;
      int required =
          ErlangC.requiredAgents(
              perSecond,
              cfg.meanHandleSeconds(),
              Simulator.this.cfg.targetServiceLevel(),
              Simulator.this.cfg.targetAnswerSeconds());
      int rostered = (int) Math.ceil(required / (1 - Simulator.this.cfg.shrinkage()));
      return Math.max(cfg.minAgents(), rostered);
    }

    Agent pollIdle() {
      while (!idle.isEmpty()) {
        Agent a = idle.pollFirst();
        a.inIdle = false;
        if (a.state == AVAIL) {
          return a;
        }
      }
      return null;
    }

    Call pollWaiting() {
      while (!waiting.isEmpty()) {
        Call c = waiting.pollFirst();
        if (c.state == WAITING) {
          return c;
        }
      }
      return null;
    }

    void purgeHead() {
      while (!waiting.isEmpty() && waiting.peekFirst().state != WAITING) {
        waiting.pollFirst();
      }
    }
  }

  private static final class Component {
    final String name;
    final byte[] nameBytes;
    final int instances;
    final double latencyMs;
    final double requestsPer10s;
    final double errorRate;
    final double cpuBase;
    final double memBase;
    int[] deps = new int[0];

    Component(
        String name,
        int instances,
        double latencyMs,
        double requestsPer10s,
        double errorRate,
        double cpuBase,
        double memBase) {
      this.name = name;
      this.nameBytes = LineBuilder.ascii(name);
      this.instances = instances;
      this.latencyMs = latencyMs;
      this.requestsPer10s = requestsPer10s;
      this.errorRate = errorRate;
      this.cpuBase = cpuBase;
      this.memBase = memBase;
    }
  }

  private record Instance(int component, String name, byte[] nameBytes) {
    Instance(int component, String name) {
      this(component, name, LineBuilder.ascii(name));
    }
  }

  private static final class Endpoint {
    static final String[] CHANNELS = {"app", "web", "api"};
    static final byte[][] CHANNEL_BYTES = asciiAll(CHANNELS);
    static final int APP = 0;
    static final int WEB = 1;
    static final int API = 2;
    static final double BASE_TOTAL = 100;

    final int channel;
    final byte[] path;
    final String topic;
    final boolean needsCore;
    final double weight;

    Endpoint(int channel, String path, String topic, boolean needsCore, double weight) {
      this.channel = channel;
      this.path = LineBuilder.ascii(path);
      this.topic = topic;
      this.needsCore = needsCore;
      this.weight = weight;
    }
  }

  /** The simulated center's components: name, instances, latency and failure shape. */
  private static Component[] componentTable() {
    return new Component[] {
      new Component("voice_gateway", 2, 8, 500, 0.0005, 0.15, 0.35),
      new Component("ivr", 2, 40, 700, 0.001, 0.20, 0.45),
      new Component("acd", 1, 5, 300, 0.0003, 0.10, 0.30),
      new Component("cti", 1, 12, 400, 0.0005, 0.10, 0.35),
      new Component("crm", 2, 60, 900, 0.002, 0.20, 0.55),
      new Component("core_banking", 2, 45, 4000, 0.0008, 0.30, 0.60),
      new Component("sms_gateway", 1, 150, 200, 0.003, 0.05, 0.25),
      new Component("web", 2, 70, 2500, 0.002, 0.15, 0.40),
      new Component("app_api", 2, 55, 6000, 0.0015, 0.20, 0.45),
      new Component("database", 2, 4, 12000, 0.0002, 0.25, 0.70),
    };
  }

  /** How many instances the simulated center runs of {@code component} (0: none of that name). */
  public static int instanceCount(String component) {
    for (Component c : componentTable()) {
      if (c.name.equals(component)) {
        return c.instances;
      }
    }
    return 0;
  }
}
