package io.cscmon.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.rule.DetectorSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The state classes keep to what Flink's POJO serializer handles without Kryo (public class, public
 * no-argument constructor, public non-final fields of primitives, strings, primitive or string
 * arrays, and such classes and arrays of them), and the detectors, which Flink ships inside its
 * functions, survive Java serialization.
 */
class StateShapeTest {

  private static final List<Class<?>> STATES =
      List.of(
          ComponentHealthState.class,
          RootCauseState.class,
          MultiCenterOutageState.class,
          BurnRateState.class,
          SloBurnState.class,
          AttackImpactState.class,
          HealthAnomalyState.class,
          TrafficLossState.class,
          CredentialStuffingState.class,
          IvrBruteForceState.class,
          TdosState.class,
          DdosState.class);

  @Test
  void everyStateClassIsAPojoOfPlainFields() throws Exception {
    Deque<Class<?>> todo = new ArrayDeque<>(STATES);
    Set<Class<?>> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      Class<?> c = todo.pop();
      if (!seen.add(c)) {
        continue;
      }
      assertThat(Modifier.isPublic(c.getModifiers())).as(c.getName()).isTrue();
      assertThat(c.getConstructor().newInstance()).as(c.getName()).isNotNull();
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) || Modifier.isTransient(m)) {
          continue; // not state: Flink's POJO serializer skips transient fields
        }
        assertThat(Modifier.isPublic(m) && !Modifier.isFinal(m))
            .as(c.getSimpleName() + "." + f.getName())
            .isTrue();
        Class<?> t = f.getType().isArray() ? f.getType().getComponentType() : f.getType();
        if (t.isPrimitive() || t == String.class) {
          continue;
        }
        assertThat(t.getPackageName())
            .as(c.getSimpleName() + "." + f.getName())
            .isEqualTo("io.cscmon.core.detect");
        todo.push(t);
      }
    }
  }

  @Test
  void detectorsSurviveJavaSerialization() throws Exception {
    ComponentMap map = ComponentMap.load(Path.of("../alert-rules/components.yaml"));
    for (Object detector :
        List.of(
            new ComponentHealthDetector(map),
            new RootCauseTagger(map),
            new MultiCenterOutageTracker(OutageLevels.defaults(), map),
            BurnRateDetector.errorRate(),
            new HealthAnomalyDetector(0),
            new AttackImpact(map),
            Detectors.sloBurn(DetectorSettings.defaults(), map),
            Detectors.healthAnomaly(DetectorSettings.defaults(), java.time.ZoneOffset.ofHours(8)),
            new TrafficLossDetector(0),
            new CredentialStuffingDetector(),
            new IvrBruteForceDetector(),
            new TdosDetector(0),
            new DdosDetector(0))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(detector);
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        assertThat(in.readObject()).isInstanceOf(detector.getClass());
      }
    }
  }
}
