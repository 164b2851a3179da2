package io.cscmon.core.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Space-saving top-k (Metwally, Agrawal, El Abbadi 2005): the {@code k} heaviest keys of a stream
 * in fixed space; any key heavier than total/k is guaranteed to be in it, and a key's count
 * overestimates by at most its {@code error}. POJO: parallel arrays.
 */
public final class SpaceSaving {
  public String[] keys;
  public long[] counts;
  public long[] errors;
  public int size;

  public SpaceSaving() {}

  public SpaceSaving(int k) {
    keys = new String[k];
    counts = new long[k];
    errors = new long[k];
  }

  /** Counts {@code c} for {@code key}; returns its (over)estimate. */
  public long offer(String key, long c) {
    int hash = key.hashCode();
    int min = -1;
    for (int i = 0; i < size; i++) {
      if (sameKey(i, key, hash)) {
        counts[i] += c;
        return counts[i];
      }
      if (min < 0 || counts[i] < counts[min]) {
        min = i;
      }
    }
    if (size < keys.length) {
      keys[size] = key;
      counts[size] = c;
      errors[size] = 0;
      return counts[size++];
    }
    keys[min] = key;
    errors[min] = counts[min];
    counts[min] += c;
    return counts[min];
  }

  /**
   * Ranks {@code key} by an outside estimate (e.g. a count-min sketch's): keeps it at {@code value}
   * if that beats the lightest key held.
   */
  public void raise(String key, long value) {
    int hash = key.hashCode();
    int min = -1;
    for (int i = 0; i < size; i++) {
      if (sameKey(i, key, hash)) {
        counts[i] = Math.max(counts[i], value);
        return;
      }
      if (min < 0 || counts[i] < counts[min]) {
        min = i;
      }
    }
    if (size < keys.length) {
      keys[size] = key;
      counts[size] = value;
      errors[size++] = 0;
    } else if (value > counts[min]) {
      keys[min] = key;
      errors[min] = 0;
      counts[min] = value;
    }
  }

  /**
   * Whether slot {@code i} holds {@code key}, whose {@code hashCode} is {@code hash}: the held keys
   * cache their hash codes, so most slots are ruled out without comparing characters.
   */
  private boolean sameKey(int i, String key, int hash) {
    return keys[i].hashCode() == hash && keys[i].equals(key);
  }

  /** The heaviest {@code n}, heaviest first, as {@code key=count}. */
  public List<String> top(int n) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      idx.add(i);
    }
    idx.sort((a, b) -> ranked(a, counts[a], b, counts[b]));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(n, idx.size()); i++) {
      out.add(keys[idx.get(i)] + "=" + counts[idx.get(i)]);
    }
    return out;
  }

  /**
   * The key with the most requests it certainly had ({@code count - error}), if that is at least
   * {@code atLeast}; else {@code null}. A key's count can be all error: in a stream of many keys of
   * about equal weight the top count belongs to whichever key came last into the lightest slot.
   */
  public String topCertainKey(long atLeast) {
    int best = -1;
    for (int i = 0; i < size; i++) {
      if (best < 0 || ranked(i, counts[i] - errors[i], best, counts[best] - errors[best]) < 0) {
        best = i;
      }
    }
    return best < 0 || counts[best] - errors[best] < atLeast ? null : keys[best];
  }

  /** The {@code n} keys with the most certain counts, as {@code key≥certain count}. */
  public List<String> topCertain(int n) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (counts[i] > errors[i]) {
        idx.add(i);
      }
    }
    idx.sort((a, b) -> ranked(a, counts[a] - errors[a], b, counts[b] - errors[b]));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(n, idx.size()); i++) {
      out.add(keys[idx.get(i)] + "≥" + (counts[idx.get(i)] - errors[idx.get(i)]));
    }
    return out;
  }

  public String topKey() {
    int best = -1;
    for (int i = 0; i < size; i++) {
      if (best < 0 || ranked(i, counts[i], best, counts[best]) < 0) {
        best = i;
      }
    }
    return best < 0 ? null : keys[best];
  }

  /**
   * Negative if slot {@code a} at weight {@code wa} ranks before slot {@code b} at {@code wb}: the
   * heavier, and of two as heavy the smaller key, so that a tie does not go to whichever key came
   * first (equally heavy attackers were named by arrival order, which events out of order change).
   */
  private int ranked(int a, long wa, int b, long wb) {
    return wa != wb ? Long.compare(wb, wa) : keys[a].compareTo(keys[b]);
  }

  public void clear() {
    java.util.Arrays.fill(keys, null);
    size = 0;
  }

  /** Arrays plus the keys (IPv6 addresses are at most 39 chars: ~100 bytes as Java strings). */
  public long byteSize() {
    return keys.length * (8L + 8 + 8 + 100) + 16;
  }
}
