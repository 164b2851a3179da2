package io.cscmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.RunbookLinks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The served runbook has the section each alert's runbook link names, and passes no raw HTML. */
class RunbookPageTest {

  private static final Pattern ALERT_SECTION =
      Pattern.compile("^## ([A-Z][A-Za-z]+)$", Pattern.MULTILINE);

  @Test
  void everyAlertSectionOfTheRunbookHasTheAnchorItsLinksUse() throws Exception {
    String markdown = Files.readString(Path.of("../alert-rules/runbook.md"));
    String page = RunbookPage.html();
    Matcher m = ALERT_SECTION.matcher(markdown);
    int sections = 0;
    while (m.find()) {
      String name = m.group(1);
      String link =
          RunbookLinks.absolute(
              RunbookLinks.REPOSITORY_RUNBOOK + "#" + name.toLowerCase(), "http://x");
      String anchor = link.substring(link.indexOf('#') + 1);
      assertThat(page).as(name).contains("<h2 id=\"" + anchor + "\">" + name + "</h2>");
      sections++;
    }
    assertThat(sections).as("alert sections found").isGreaterThan(20);
  }

  @Test
  void rawHtmlInTheMarkdownIsShownNotRun() {
    String page =
        RunbookPage.html("# t\n\n<script>alert(1)</script>\n\nsee <img src=x onerror=y>\n");
    assertThat(page).doesNotContain("<script>alert").doesNotContain("<img");
    assertThat(page).contains("&lt;script&gt;");
  }
}
