package io.cscmon.core.testing;

import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The seed of a test class's generated cases: random per run, or fixed with {@code
 * -Dcscmon.test.seed=N} to reproduce a run. Registered as an extension ({@code @RegisterExtension
 * static final TestSeed SEED = TestSeed.fromSystemProperty();}), it puts the seed and the case into
 * the message of every failure, so that a red run says how to replay it.
 */
public final class TestSeed
    implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  public static final String PROPERTY = "cscmon.test.seed";

  private final long seed;

  private TestSeed(long seed) {
    this.seed = seed;
  }

  /** The seed from {@value #PROPERTY} if set, else a new random one. */
  public static TestSeed fromSystemProperty() {
    String fixed = System.getProperty(PROPERTY);
    if (fixed != null && !fixed.isBlank()) {
      return new TestSeed(Long.parseLong(fixed.trim()));
    }
    return new TestSeed(new SplittableRandom().nextLong());
  }

  public long value() {
    return seed;
  }

  /**
   * The random source of case {@code caseNo}: depends only on the seed and the number, so a case
   * draws the same values whatever ran before it. The extra mixing step keeps neighbouring cases'
   * sequences apart (SplittableRandom seeds one gamma apart would be shifted copies).
   */
  public SplittableRandom random(int caseNo) {
    return new SplittableRandom(new SplittableRandom(seed + caseNo).nextLong());
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw withSeed(context, failure);
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw withSeed(context, failure);
  }

  private Throwable withSeed(ExtensionContext context, Throwable failure) {
    if (failure instanceof TestAbortedException) {
      return failure;
    }
    String message =
        context.getDisplayName()
            + ", seed "
            + seed
            + " (reproduce with -D"
            + PROPERTY
            + "="
            + seed
            + "): "
            + failure.getMessage();
    if (failure instanceof AssertionFailedError afe
        && afe.isExpectedDefined()
        && afe.isActualDefined()) {
      // Keeps expected and actual, which IDEs show as a diff.
      return new AssertionFailedError(
          message,
          afe.getExpected().getEphemeralValue(),
          afe.getActual().getEphemeralValue(),
          failure);
    }
    return new AssertionError(message, failure);
  }
}
