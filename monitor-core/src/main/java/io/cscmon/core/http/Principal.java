package io.cscmon.core.http;

/** Who made a call: the name of the token it carried (never the token) and that token's role. */
public record Principal(String name, Role role) {}
