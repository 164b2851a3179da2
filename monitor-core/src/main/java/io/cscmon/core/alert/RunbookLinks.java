package io.cscmon.core.alert;

/**
 * Where a person follows an alert's {@code runbook_url}. The annotation itself names the section in
 * the repository ({@code alert-rules/runbook.md#componentoutage}, the same in replay and live); a
 * chat message or the console needs a link that opens, so they point at the runbook the service
 * serves itself ({@code /ui/runbook}). Any other URL (a rule file's own wiki link) is left alone.
 */
public final class RunbookLinks {

  /** The prefix of every shipped runbook_url: the runbook's path in the repository. */
  public static final String REPOSITORY_RUNBOOK = "alert-rules/runbook.md";

  /** Where a running service serves the runbook, rendered, with an anchor per alert. */
  public static final String SERVED_PATH = "ui/runbook";

  private RunbookLinks() {}

  /**
   * {@code runbookUrl} as a link under {@code externalUrl} when it names a section of the shipped
   * runbook; unchanged otherwise, and when there is no external URL to put in front of it.
   */
  public static String absolute(String runbookUrl, String externalUrl) {
    if (runbookUrl == null
        || externalUrl == null
        || externalUrl.isEmpty()
        || !runbookUrl.startsWith(REPOSITORY_RUNBOOK)) {
      return runbookUrl;
    }
    String rest = runbookUrl.substring(REPOSITORY_RUNBOOK.length());
    if (!rest.isEmpty() && !rest.startsWith("#")) {
      return runbookUrl;
    }
    return (externalUrl.endsWith("/") ? externalUrl : externalUrl + "/") + SERVED_PATH + rest;
  }
}
