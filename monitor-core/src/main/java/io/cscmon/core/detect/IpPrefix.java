package io.cscmon.core.detect;

/** Network prefixes of a client address: /24 and /16 for IPv4, /48 and /32 for IPv6. */
public final class IpPrefix {
  private IpPrefix() {}

  /** The narrow prefix: {@code 203.0.113.0/24}, or {@code 2001:db8:1::/48}. */
  public static String narrow(String ip) {
    return prefix(ip, 3, 3);
  }

  /** The wide prefix: {@code 203.0.0.0/16}, or {@code 2001:db8::/32}. */
  public static String wide(String ip) {
    return prefix(ip, 2, 2);
  }

  private static String prefix(String ip, int v4Octets, int v6Groups) {
    if (ip.indexOf(':') >= 0) {
      String[] g = ip.split(":", -1);
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < v6Groups && i < g.length; i++) {
        b.append(g[i].isEmpty() ? "0" : g[i]).append(':');
      }
      return b.append(":/").append(16 * v6Groups).toString();
    }
    String[] o = ip.split("\\.", -1);
    if (o.length != 4) {
      return ip; // not an address (a hashed id): its own prefix
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      b.append(i < v4Octets ? o[i] : "0");
      if (i < 3) {
        b.append('.');
      }
    }
    return b.append('/').append(8 * v4Octets).toString();
  }
}
