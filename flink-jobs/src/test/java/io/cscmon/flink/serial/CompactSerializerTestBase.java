package io.cscmon.flink.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.testing.TestSeed;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flink's own checks of a serializer (round trips one by one and in sequence, with and without
 * reuse, copies, snapshot and restore, duplicates across threads) over fixed edge cases and seeded
 * random records. Records holding arrays or mutable counts have no useful {@code equals}, so the
 * comparison is field by field, recursively, doubles bit for bit (NaN equals NaN, -0.0 is not 0.0).
 */
abstract class CompactSerializerTestBase<T> extends SerializerTestBase<T> {
  @RegisterExtension static final TestSeed SEED = TestSeed.fromSystemProperty();

  private static final int RANDOM_RECORDS = 40;

  private final Supplier<TypeSerializer<T>> serializer;
  private final Class<T> type;

  CompactSerializerTestBase(Supplier<TypeSerializer<T>> serializer, Class<T> type) {
    // Flink's concurrency check (testDuplicate) compares with this checker, not deepEquals.
    super(new DeeplyEqualsChecker().withCustomCheck((a, b) -> true, (a, b, c) -> sameFields(a, b)));
    this.serializer = serializer;
    this.type = type;
  }

  @Override
  protected final TypeSerializer<T> createSerializer() {
    return serializer.get();
  }

  @Override
  protected final Class<T> getTypeClass() {
    return type;
  }

  /** Nulls wherever a field may be null, extremes, unicode. */
  abstract List<T> edgeCases();

  abstract T random(SplittableRandom r);

  @Override
  protected int getLength() {
    return -1;
  }

  @Override
  @SuppressWarnings("unchecked")
  protected T[] getTestData() {
    List<T> all = new ArrayList<>(edgeCases());
    for (int i = 0; i < RANDOM_RECORDS; i++) {
      all.add(random(SEED.random(i)));
    }
    return all.toArray((T[]) Array.newInstance(getTypeClass(), 0));
  }

  @Override
  protected void deepEquals(String message, T should, T is) {
    assertSameFields(message, should, is);
  }

  private static void assertSameFields(String message, Object should, Object is) {
    assertThat(is)
        .as(message)
        .usingRecursiveComparison()
        .withComparatorForType(Double::compare, Double.class)
        .isEqualTo(should);
  }

  private static boolean sameFields(Object a, Object b) {
    try {
      assertSameFields("", a, b);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }
}
