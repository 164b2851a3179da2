package io.cscmon.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock that moves only when a test says so: timers are tested without sleeping. */
public final class FakeClock extends Clock {

  private volatile long millis;

  public FakeClock(long millis) {
    this.millis = millis;
  }

  public FakeClock(Instant start) {
    this(start.toEpochMilli());
  }

  public void advance(Duration d) {
    millis += d.toMillis();
  }

  public void set(Instant t) {
    millis = t.toEpochMilli();
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
