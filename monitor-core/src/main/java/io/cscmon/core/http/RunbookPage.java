package io.cscmon.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The runbook ({@code alert-rules/runbook.md}, which the jar carries) as one HTML page, each
 * section with the anchor its alerts' {@code runbook_url} names ({@code #componentoutage}), so that
 * the link in a chat message or the console opens the section on any running service. Rendered
 * once: the runbook changes with a release, not at run time.
 */
final class RunbookPage {

  static final String RESOURCE = "/io/cscmon/runbook/runbook.md";

  private static final List<Extension> EXTENSIONS =
      List.of(TablesExtension.create(), HeadingAnchorExtension.create());

  private RunbookPage() {}

  /** The page; the style sheet beside the console's files, as the console's CSP wants it. */
  static String html() {
    return html(markdown());
  }

  static String html(String markdown) {
    // Raw HTML in the file is escaped, not passed: the page is served under the console's origin.
    HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).build();
    String body = renderer.render(Parser.builder().extensions(EXTENSIONS).build().parse(markdown));
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>cscmon runbook</title><link rel=\"stylesheet\" href=\"runbook.css\"></head>\n"
        + "<body><main>\n"
        + body
        + "</main></body></html>\n";
  }

  private static String markdown() {
    try (InputStream in = RunbookPage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the runbook is missing from the jar: " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
  }
}
