package io.cscmon.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunbookLinksTest {

  @Test
  void theShippedRunbookOpensOnTheServiceItself() {
    assertThat(RunbookLinks.absolute("alert-rules/runbook.md#componentoutage", "https://noc:8080"))
        .isEqualTo("https://noc:8080/ui/runbook#componentoutage");
    assertThat(RunbookLinks.absolute("alert-rules/runbook.md#peakload", "http://noc/cscmon/"))
        .isEqualTo("http://noc/cscmon/ui/runbook#peakload");
    assertThat(RunbookLinks.absolute("alert-rules/runbook.md", "http://noc"))
        .isEqualTo("http://noc/ui/runbook");
  }

  @Test
  void otherLinksAndNoExternalUrlAreLeftAlone() {
    assertThat(RunbookLinks.absolute("https://wiki.bank/runbook#x", "http://noc"))
        .isEqualTo("https://wiki.bank/runbook#x");
    assertThat(RunbookLinks.absolute("alert-rules/runbook.md.bak#x", "http://noc"))
        .isEqualTo("alert-rules/runbook.md.bak#x");
    assertThat(RunbookLinks.absolute("alert-rules/runbook.md#x", ""))
        .isEqualTo("alert-rules/runbook.md#x");
    assertThat(RunbookLinks.absolute(null, "http://noc")).isNull();
  }
}
