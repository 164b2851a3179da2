package io.cscmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {

  private static final String TOKEN = "s3cret-token";
  private static final String DIGEST = Tokens.sha256Hex(TOKEN);

  @Test
  void fileHoldsDigestsAndAuthenticatesTheirTokens() {
    Tokens tokens =
        Tokens.parse(
            """
            tokens:
              - name: zhang.wei
                role: operator
                sha256: %s
              - {name: wall, role: viewer, sha256: %s}
            protect_contract_endpoints: true
            """
                .formatted(DIGEST.toUpperCase(), Tokens.sha256Hex("other")),
            "tokens.yaml");
    assertThat(tokens.authenticate(TOKEN)).contains(new Principal("zhang.wei", Role.OPERATOR));
    assertThat(tokens.authenticate("other")).contains(new Principal("wall", Role.VIEWER));
    assertThat(tokens.authenticate("s3cret-token ")).isEmpty();
    assertThat(tokens.authenticate(DIGEST)).isEmpty(); // the digest is not a token
    assertThat(tokens.protectContractEndpoints()).isTrue();
  }

  @Test
  void digestIsTheSha256OfTheUtf8Bytes() {
    // printf %s abc | sha256sum
    assertThat(Tokens.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void problemsNameLineAndField() {
    assertThatThrownBy(
            () ->
                Tokens.parse(
                    "tokens:\n  - name: a\n    role: boss\n    sha256: " + DIGEST + "\n", "t.yaml"))
        .hasMessage("t.yaml:3: tokens[0].role: 'boss' is not a role (viewer, operator or admin)");
    assertThatThrownBy(
            () -> Tokens.parse("tokens:\n  - name: a\n    role: viewer\n    sha256: " + TOKEN, "t"))
        .hasMessageStartingWith("t:4: tokens[0].sha256: must be 64 hex digits");
    assertThatThrownBy(() -> Tokens.parse("tokens:\n  - name: a\n    role: viewer\n", "t"))
        .hasMessage("t:2: tokens[0].sha256: is required");
    assertThatThrownBy(
            () ->
                Tokens.parse(
                    "tokens:\n  - {name: a, role: viewer, sha256: %s}\n  - {name: a, role: admin, sha256: %s}\n"
                        .formatted(DIGEST, Tokens.sha256Hex("x")),
                    "t"))
        .hasMessage("t:3: tokens[1].name: 'a' is used twice");
    assertThatThrownBy(() -> Tokens.parse("tokens: []\n", "t"))
        .hasMessage("t:1: tokens: must be a non-empty list");
    assertThatThrownBy(() -> Tokens.parse("tokenz: []\n", "t"))
        .hasMessageStartingWith("t:1: tokenz: unknown key");
    assertThatThrownBy(() -> Tokens.parse("tokens: [\n", "t"))
        .hasMessageStartingWith("t:2: not valid YAML");
  }

  @Test
  void generatedTokenIsWrittenForTheOwnerOnlyAndAccepted(@TempDir Path dir) throws Exception {
    Tokens.Generated first = Tokens.generate(dir);
    assertThat(first.file()).isEqualTo(dir.resolve(Tokens.GENERATED_FILE));
    assertThat(Files.readString(first.file()).trim()).isEqualTo(first.token());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file())))
        .isEqualTo("rw-------");
    assertThat(first.tokens().authenticate(first.token()))
        .contains(new Principal("generated", Role.OPERATOR));
    assertThat(first.toString()).doesNotContain(first.token());

    Tokens.Generated second = Tokens.generate(dir);
    assertThat(second.token()).isNotEqualTo(first.token());
    assertThat(second.tokens().authenticate(first.token())).isEmpty();
  }

  @Test
  void rolesIncludeTheOnesBelow() {
    assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
    assertThat(Role.OPERATOR.includes(Role.VIEWER)).isTrue();
    assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
    assertThat(Role.OPERATOR.includes(Role.ADMIN)).isFalse();
  }
}
