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

  /**
   * What {@code split} on the separators and re-joining would give, found with {@code indexOf}:
   * every access and login line asks for a prefix, and the split's arrays and substrings showed in
   * profiles.
   */
  private static String prefix(String ip, int v4Octets, int v6Groups) {
    if (ip.indexOf(':') >= 0) {
      return v6Prefix(ip, v6Groups);
    }
    int[] dots = new int[3];
    int n = 0;
    for (int i = ip.indexOf('.'); i >= 0; i = ip.indexOf('.', i + 1)) {
      if (n == 3) {
        return ip; // more than four parts: not an address (a hashed id), its own prefix
      }
      dots[n++] = i;
    }
    if (n != 3) {
      return ip; // not an address (a hashed id): its own prefix
    }
    return ip.substring(0, dots[v4Octets - 1] + 1).concat(V4_TAIL[v4Octets]);
  }

  /**
   * What follows the first {@code n} (1 to 3) octets of an IPv4 prefix: its zero octets and length.
   * Two plain string copies build the prefix; a StringBuilder appending char by char showed in
   * profiles.
   */
  private static final String[] V4_TAIL = {null, "0.0.0/8", "0.0/16", "0/24"};

  /** The first {@code groups} groups, an empty one written {@code 0}, then {@code ::/bits}. */
  private static String v6Prefix(String ip, int groups) {
    StringBuilder b = new StringBuilder(ip.length() + 8);
    int start = 0;
    for (int g = 0; g < groups && start <= ip.length(); g++) {
      int end = ip.indexOf(':', start);
      if (end < 0) {
        end = ip.length();
      }
      if (end == start) {
        b.append('0');
      } else {
        b.append(ip, start, end);
      }
      b.append(':');
      start = end + 1;
    }
    return b.append(":/").append(16 * groups).toString();
  }
}
