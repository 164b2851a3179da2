package io.cscmon.flink.launcher;

import io.cscmon.core.rule.RestartOnlyChanges;
import io.cscmon.core.rule.RuleFiles;
import io.cscmon.core.rule.RuleProblem;
import io.cscmon.core.rule.RuleSet;
import io.cscmon.core.rule.RuleTexts;
import io.cscmon.core.rule.RuleValidationException;
import io.cscmon.flink.source.RuleReloads;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the rules directory of a running service: on a change of its files (looked at every few
 * seconds) and on {@code POST /api/v1/rules/reload}. Valid files go to the job's broadcast input;
 * invalid ones are refused with every problem (logged, and in the endpoint's answer) and the
 * running rules stay. So are files that change the detector settings or the emergency plan, which
 * the job reads when it starts ({@link RestartOnlyChanges}): those need a restart.
 */
final class RulesReloader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RulesReloader.class);

  static final String RELOAD_PATH = io.cscmon.core.http.ApiServer.RULES_RELOAD;

  /** What one reload did. */
  record Outcome(String status, String version, List<RuleProblem> problems) {
    JsonObject toJson() {
      JsonArray list = new JsonArray();
      problems.forEach(
          p ->
              list.add(
                  new JsonObject()
                      .put("file", p.file())
                      .put("line", p.line())
                      .put("field", p.field())
                      .put("message", p.message())));
      return new JsonObject().put("status", status).put("version", version).put("problems", list);
    }
  }

  private final Path dir;
  private final String channel;
  private final RuleSet started;
  private String running;
  private Map<String, String> lastRefused;
  private ScheduledExecutorService poller;

  RulesReloader(Path dir, String channel, RuleSet started) {
    this.dir = dir;
    this.channel = channel;
    this.started = started;
    this.running = started.version();
  }

  /** Looks at the directory every {@code periodMs}. */
  RulesReloader watch(long periodMs) {
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cscmon-rules-watcher");
              t.setDaemon(true);
              return t;
            });
    poller.scheduleWithFixedDelay(this::reloadQuietly, periodMs, periodMs, TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Answers {@code POST /api/v1/rules/reload} (the API checks the caller's token first): 200
   * reloaded or unchanged, 422 refused.
   */
  void handle(RoutingContext ctx) {
    ctx.vertx()
        .executeBlocking(this::reload)
        .onSuccess(
            o ->
                ctx.response()
                    .setStatusCode(o.status().equals("invalid") ? 422 : 200)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(o.toJson().encode()))
        .onFailure(ctx::fail);
  }

  private void reloadQuietly() {
    try {
      reload();
    } catch (Exception e) {
      LOG.warn("Rules in {} could not be read: {}", dir, e.toString());
    }
  }

  synchronized Outcome reload() throws Exception {
    RuleTexts texts = RuleTexts.read(dir);
    RuleSet next;
    try {
      next = RuleFiles.parse(texts);
    } catch (RuleValidationException e) {
      return refused(texts, e.problems(), RuleOptions.describe(texts, e));
    }
    // Parsed every time: a change of detector settings alone leaves the rules' version as it is.
    List<RuleProblem> restartOnly = RestartOnlyChanges.between(started, next, texts);
    if (!restartOnly.isEmpty()) {
      return refused(
          texts,
          restartOnly,
          RuleOptions.describe(texts, new RuleValidationException(restartOnly)));
    }
    lastRefused = null;
    String version = next.version();
    if (version.equals(running)) {
      return new Outcome("unchanged", running, List.of());
    }
    RuleReloads.send(channel, texts.files());
    LOG.info("Rules {} from {} sent to the detection job (was {})", version, dir, running);
    running = version;
    return new Outcome("reloaded", version, List.of());
  }

  /** Refused: the running rules stay; logged once per content of the directory. */
  private Outcome refused(RuleTexts texts, List<RuleProblem> problems, String described) {
    if (!texts.files().equals(lastRefused)) {
      LOG.error("Rules in {} refused, rules {} keep running:\n{}", dir, running, described);
      lastRefused = texts.files();
    }
    return new Outcome("invalid", running, problems);
  }

  @Override
  public void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }
}
