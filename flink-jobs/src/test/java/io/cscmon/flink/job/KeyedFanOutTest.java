package io.cscmon.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detectors keyed alike read their records from one keyed edge (issue 11: keyBy fan-out): a health
 * event crosses once to both the outage and the budget-burn detector of its component, a call once
 * to both the calls-waiting view and the TDoS detector of its center. Each pair runs in one task,
 * chained behind the edge's head, and that task has that one input.
 */
class KeyedFanOutTest {

  @TempDir Path dir;

  @Test
  void outagesAndBudgetBurnShareTheComponentsEdge() {
    JobVertex task = taskRunning("Component outages and degradation");
    assertThat(task.getName())
        .contains("Health per component", "Error and latency budget burn")
        .doesNotContain("Seasonal anomalies per instance");
    assertThat(task.getInputs()).hasSize(1);
  }

  @Test
  void callsWaitingAndTdosShareTheCentersEdge() {
    JobVertex task = taskRunning("Telephony denial of service");
    assertThat(task.getName()).contains("Calls per center", "Calls waiting and longest wait now");
    assertThat(task.getInputs()).hasSize(1);
  }

  @Test
  void noOtherTaskRunsThem() {
    List<String> names = vertices().stream().map(JobVertex::getName).toList();
    assertThat(names.stream().filter(n -> n.contains("Error and latency budget burn"))).hasSize(1);
    assertThat(names.stream().filter(n -> n.contains("Calls waiting and longest wait now")))
        .hasSize(1);
  }

  private JobVertex taskRunning(String operator) {
    return vertices().stream()
        .filter(v -> v.getName().contains(operator))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no task runs " + operator));
  }

  private List<JobVertex> vertices() {
    JobGraph graph = DetectionJobUidTest.kafkaJobGraph(dir).getJobGraph();
    return StreamSupport.stream(graph.getVertices().spliterator(), false).toList();
  }
}
