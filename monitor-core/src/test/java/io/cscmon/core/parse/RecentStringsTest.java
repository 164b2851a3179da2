package io.cscmon.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values that share a set are both kept; a third one evicts the one least recently asked for. */
class RecentStringsTest {

  @Test
  void keepsTwoValuesOfOneSetAndEvictsTheLeastRecentForAThird() {
    List<String> same = sharingOneSet(3);
    String x = same.get(0);
    String y = same.get(1);
    String z = same.get(2);
    RecentStrings recent = new RecentStrings();

    String firstX = of(recent, x);
    String firstY = of(recent, y);
    assertThat(firstX).isEqualTo(x).isNotSameAs(x); // a copy of the line's characters
    // Alternating lines, as agents of one queue do: both stay shared.
    assertThat(of(recent, x)).isSameAs(firstX);
    assertThat(of(recent, y)).isSameAs(firstY);
    assertThat(of(recent, x)).isSameAs(firstX);

    // y is now the least recent of the two: z takes its place, x stays.
    String firstZ = of(recent, z);
    assertThat(firstZ).isEqualTo(z);
    assertThat(of(recent, x)).isSameAs(firstX);
    assertThat(of(recent, z)).isSameAs(firstZ);
    String againY = of(recent, y);
    assertThat(againY).isEqualTo(y).isNotSameAs(firstY);
  }

  @Test
  void readsTheValueFromItsPlaceInTheLine() {
    RecentStrings recent = new RecentStrings();
    String line = "{\"center\":\"north\",\"queue\":\"north\"}";
    char[] chars = line.toCharArray();
    String first = recent.of(line, chars, 11, 16);
    assertThat(first).isEqualTo("north");
    assertThat(recent.of(line, chars, 27, 32)).isSameAs(first);
  }

  /** The first {@code n} agent names that fall into one set. */
  private static List<String> sharingOneSet(int n) {
    int wanted = set("a-retail-0");
    List<String> found = new ArrayList<>();
    for (int i = 1; found.size() < n; i++) {
      String name = "a-retail-" + i;
      if (set(name) == wanted) {
        found.add(name);
      }
    }
    return found;
  }

  private static int set(String s) {
    return RecentStrings.set(s.toCharArray(), 0, s.length());
  }

  private static String of(RecentStrings recent, String value) {
    String line = "\"" + value + "\""; // a fresh line each time, as the source reads them
    return recent.of(line, line.toCharArray(), 1, line.length() - 1);
  }
}
