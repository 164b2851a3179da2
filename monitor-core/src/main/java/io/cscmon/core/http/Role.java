package io.cscmon.core.http;

import java.util.Locale;

/**
 * What a bearer token may do, each role including the ones below it: a {@code viewer} reads
 * silences, acks and the audit log; an {@code operator} also changes state (silences, acks, rule
 * reloads); an {@code admin} may do everything an operator may (the role is there so that
 * administration calls can be added without re-issuing the operators' tokens).
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** Whether this role may make a call that needs {@code required}. */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  /**
   * As written in the tokens file and in answers: {@code viewer}, {@code operator}, {@code admin}.
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the allowed values
   */
  public static Role parse(String text) {
    for (Role r : values()) {
      if (r.wireName().equals(text)) {
        return r;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a role (viewer, operator or admin)");
  }
}
