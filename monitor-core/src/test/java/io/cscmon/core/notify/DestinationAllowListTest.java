package io.cscmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cscmon.core.manager.AlertManagerConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationAllowListTest {

  private final DestinationAllowList allow =
      new DestinationAllowList(List.of("hooks.bank.example", "*.dingtalk.com", "10.1.2.3:8443"));

  @Test
  void hostsPortsAndSubdomains() {
    assertThat(allow.permits(URI.create("https://hooks.bank.example/a"))).isTrue();
    assertThat(allow.permits(URI.create("https://HOOKS.bank.example:9000/a"))).isTrue();
    assertThat(allow.permits(URI.create("https://oapi.dingtalk.com/robot/send"))).isTrue();
    assertThat(allow.permits(URI.create("https://dingtalk.com/robot/send"))).isFalse();
    assertThat(allow.permits(URI.create("https://evil-dingtalk.com/x"))).isFalse();
    assertThat(allow.permits(URI.create("https://hooks.bank.example.evil.io/a"))).isFalse();
    assertThat(allow.permits(URI.create("https://10.1.2.3:8443/x"))).isTrue();
    assertThat(allow.permits(URI.create("https://10.1.2.3/x"))).isFalse(); // port 443
    assertThat(new DestinationAllowList(List.of()).permits(URI.create("http://any.where")))
        .isTrue();
    assertThatThrownBy(() -> new DestinationAllowList(List.of("http://hooks.example")))
        .hasMessageContaining("'http://hooks.example' is not a host, host:port or *.domain");
  }

  @Test
  void aConfigWithAReceiverOutsideTheListIsRefusedNamingIt() {
    String config =
        """
        route: {receiver: oncall}
        allowed_destinations: [hooks.bank.example, "*.dingtalk.com"]
        receivers:
          - name: oncall
            webhook_configs: [{url: "https://hooks.bank.example/alert"}]
            dingtalk_configs: [{url: "https://oapi.dingtalk.com/robot/send?access_token=x"}]
          - name: leak
            webhook_configs: [{url: "https://paste.example.net/in"}]
        """;
    assertThatThrownBy(() -> AlertManagerConfig.parse(config))
        .hasMessageContaining("receiver 'leak' (integration 0): https://paste.example.net")
        .hasMessageContaining("is not an allowed destination");
    AlertManagerConfig ok =
        AlertManagerConfig.parse(
            config.replace("https://paste.example.net/in", "https://hooks.bank.example/b"));
    assertThat(ok.allowedDestinations().entries())
        .containsExactly("hooks.bank.example", "*.dingtalk.com");
    assertThatThrownBy(
            () ->
                ok.allowedDestinations()
                    .check(Map.of(), List.of(URI.create("http://127.0.0.1:9/hook"))))
        .hasMessageStartingWith("--webhook: http://127.0.0.1:9 is not an allowed destination");
  }
}
