package io.cscmon.core.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.notify.ReceiverSpec;
import io.cscmon.core.testing.TestAlerts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertManagerConfigTest {

  /** The documented example must stay valid. */
  @Test
  void theDocumentedExampleLoads() {
    AlertManagerConfig config =
        AlertManagerConfig.load(Path.of("..", "docs", "alert-manager.example.yaml"));
    Route root = Route.tree(config.routing().route());

    assertThat(root.receiver()).isEqualTo("oncall");
    assertThat(root.groupWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(root.children()).hasSize(4);
    assertThat(root.children().get(0).groupBy()).containsExactly("alertname", "center", "source");
    assertThat(root.children().get(1).continueMatching()).isTrue();
    assertThat(root.children().get(1).repeatInterval()).isEqualTo(Duration.ofHours(4));
    assertThat(root.children().get(2).muteTimeIntervals()).containsExactly("maintenance");

    // A level II service-level breach: management (continue), then business.
    assertThat(root.match(TestAlerts.firing("retail", "II", TestAlerts.T0)))
        .extracting(Route::receiver)
        .containsExactly("management", "business");

    assertThat(config.receivers().get("management").get(0))
        .isInstanceOf(ReceiverSpec.DingTalk.class);
    assertThat(config.receivers().get("noc").get(0))
        .isEqualTo(
            new ReceiverSpec.AlertmanagerForward(
                java.net.URI.create("http://127.0.0.1:9093"), Duration.ofHours(5)));
    assertThat(config.routing().inhibitRules()).hasSize(1);
    assertThat(config.routing().keepFiringFor()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.routing().timeIntervals().get("maintenance")).hasSize(1);
    assertThat(config.routing().escalations().get(0).levels())
        .containsExactlyInAnyOrder(EmergencyLevel.I, EmergencyLevel.II);
    assertThat(config.routing().escalations().get(0).steps())
        .extracting(EscalationPolicy.Step::receiver)
        .containsExactly("duty-manager", "director");
  }

  @Test
  void aKeyGivenTwiceIsRefusedWithItsLineNotSilentlyReplaced() {
    String yaml =
        """
        route:
          receiver: duty
          routes:
            - receiver: management
              matchers: ['emergency_level=~"I|II"']
              matchers: ['center="sh"']
        receivers:
          - name: duty
          - name: management
        """;
    assertThatThrownBy(() -> AlertManagerConfig.parse(yaml))
        .hasMessageContaining("line 6")
        .hasMessageContaining("Duplicate field 'matchers'");
  }

  @Test
  void mistakesAreRefusedSayingWhere() {
    String receivers = "receivers:\n  - name: a\n";
    assertThatThrownBy(
            () -> AlertManagerConfig.parse("route:\n  receiver: a\n  grup_by: [x]\n" + receivers))
        .hasMessageContaining("route: unknown key 'grup_by'");
    assertThatThrownBy(() -> AlertManagerConfig.parse("route:\n  receiver: b\n" + receivers))
        .hasMessageContaining("receiver 'b'");
    assertThatThrownBy(
            () ->
                AlertManagerConfig.parse("route:\n  receiver: a\n  group_wait: soon\n" + receivers))
        .hasMessageContaining("route.group_wait");
    assertThatThrownBy(
            () ->
                AlertManagerConfig.parse(
                    "route:\n  receiver: a\n  routes:\n    - matchers: ['x=~\"(\"']\n" + receivers))
        .hasMessageContaining("route.routes[0].matchers");
    assertThatThrownBy(
            () ->
                AlertManagerConfig.parse(
                    "route:\n  receiver: a\n"
                        + "receivers:\n  - name: a\n    webhook_configs:\n      - url: ftp://x\n"))
        .hasMessageContaining("http(s)");
  }

  @Test
  void durationsAreAlertmanagers() {
    assertThat(AlertManagerConfig.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(AlertManagerConfig.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(AlertManagerConfig.duration("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(List.of("5", "m", "-1s"))
        .allSatisfy(
            bad ->
                assertThatThrownBy(() -> AlertManagerConfig.duration(bad))
                    .isInstanceOf(IllegalArgumentException.class));
  }
}
