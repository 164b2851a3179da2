package io.cscmon.flink.launcher;

import io.cscmon.flink.job.DetectionOptions;

/** Which rules a command runs: the defaults, or the rule files of {@code --rules DIR}. */
final class RuleOptions {
  private RuleOptions() {}

  static DetectionOptions apply(Args args, DetectionOptions options) {
    String dir = args.get("rules");
    if (dir == null) {
      return options;
    }
    throw new Args.UsageException(
        "--rules " + dir + ": rule files are not read yet; the built-in defaults run without it");
  }
}
