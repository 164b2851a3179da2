package io.cscmon.core.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where notifications may go (issue 12: alerts leave the bank's network, so only to places named in
 * advance). An entry is a host ({@code hooks.example}), a host and port ({@code 10.1.2.3:8443}), or
 * every subdomain of a domain ({@code *.dingtalk.com}). An empty list permits everything (nothing
 * configured), and the service says so at start.
 */
public final class DestinationAllowList {

  private static final Pattern ENTRY =
      Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\\d{1,5})?");

  private final List<String> entries;

  /**
   * @throws IllegalArgumentException naming an entry that is not a host, host:port or *.domain
   */
  public DestinationAllowList(List<String> entries) {
    List<String> clean = new ArrayList<>();
    for (String e : entries) {
      String entry = e.trim().toLowerCase(Locale.ROOT);
      if (!ENTRY.matcher(entry).matches()) {
        throw new IllegalArgumentException(
            "allowed destination '" + e + "' is not a host, host:port or *.domain");
      }
      clean.add(entry);
    }
    this.entries = List.copyOf(clean);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public List<String> entries() {
    return entries;
  }

  /** Whether notifications may be sent to {@code url}. */
  public boolean permits(URI url) {
    if (entries.isEmpty()) {
      return true;
    }
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    for (String entry : entries) {
      String hostPart = entry;
      int colon = entry.lastIndexOf(':');
      if (colon >= 0) {
        if (Integer.parseInt(entry.substring(colon + 1)) != port) {
          continue;
        }
        hostPart = entry.substring(0, colon);
      }
      if (hostPart.startsWith("*.")
          ? host.endsWith(hostPart.substring(1)) && host.length() > hostPart.length() - 1
          : host.equals(hostPart)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks every integration of every receiver, and the {@code --webhook} URLs.
   *
   * @throws IllegalArgumentException naming the first receiver with a destination not permitted
   */
  public void check(Map<String, List<ReceiverSpec>> receivers, List<URI> webhooks) {
    receivers.forEach(
        (name, specs) -> {
          for (int i = 0; i < specs.size(); i++) {
            URI url = specs.get(i).url();
            if (!permits(url)) {
              throw refused("receiver '" + name + "' (integration " + i + ")", url);
            }
          }
        });
    for (URI url : webhooks) {
      if (!permits(url)) {
        throw refused("--webhook", url);
      }
    }
  }

  private IllegalArgumentException refused(String who, URI url) {
    return new IllegalArgumentException(
        who
            + ": "
            + url.getScheme()
            + "://"
            + url.getHost()
            + (url.getPort() == -1 ? "" : ":" + url.getPort())
            + " is not an allowed destination "
            + entries
            + " (allowed_destinations in the alert config, --webhook-allow)");
  }
}
