package io.cscmon.core.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The API's bearer tokens. Only each token's SHA-256 is kept — in the tokens file ({@code --tokens
 * FILE}) and in memory — so the file can be read by whoever deploys the service without handing out
 * the tokens themselves. A presented token is hashed and its digest compared with every known
 * digest in constant time ({@link MessageDigest#isEqual}), so the answer time says nothing about
 * how much of a digest matched.
 *
 * <pre>
 * tokens:
 *   - name: zhang.wei          # shown in the audit log and by /api/v1/whoami
 *     role: operator           # viewer | operator | admin
 *     sha256: 9f86d08188...    # printf %s "$TOKEN" | sha256sum
 * protect_contract_endpoints: false   # true: events/alerts/metrics need a token too
 * </pre>
 */
public final class Tokens {

  /** Where a generated token is kept, in the state directory. */
  public static final String GENERATED_FILE = "api-token";

  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Entry(String name, Role role, byte[] sha256) {}

  private final List<Entry> entries;
  private final boolean protectContractEndpoints;

  private Tokens(List<Entry> entries, boolean protectContractEndpoints) {
    this.entries = List.copyOf(entries);
    this.protectContractEndpoints = protectContractEndpoints;
  }

  /** No tokens at all: every call that needs one is refused. */
  public static Tokens none() {
    return new Tokens(List.of(), false);
  }

  /** One token, for tests and for the generated token. */
  public static Tokens of(String name, Role role, String token) {
    return new Tokens(List.of(new Entry(name, role, sha256(token))), false);
  }

  /** The same tokens; with {@code protect}, the contract's endpoints need a token too. */
  public Tokens protectingContractEndpoints(boolean protect) {
    return new Tokens(entries, protect);
  }

  /** Also accepts {@code token}, as {@code name} with {@code role}. */
  public Tokens plus(String name, Role role, String token) {
    List<Entry> all = new ArrayList<>(entries);
    all.add(new Entry(name, role, sha256(token)));
    return new Tokens(all, protectContractEndpoints);
  }

  /**
   * Whether {@code POST /api/v1/events}, {@code GET /api/v1/alerts} and {@code GET /metrics} need a
   * token (CONTRACT §3 has them open, so by default they are).
   */
  public boolean protectContractEndpoints() {
    return protectContractEndpoints;
  }

  public int size() {
    return entries.size();
  }

  /** Who {@code token} belongs to; every known digest is compared, whatever matches. */
  public Optional<Principal> authenticate(String token) {
    byte[] digest = sha256(token);
    Entry found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.sha256(), digest) && found == null) {
        found = e;
      }
    }
    return found == null
        ? Optional.empty()
        : Optional.of(new Principal(found.name(), found.role()));
  }

  /** A new random token: 32 bytes from {@link SecureRandom}, URL-safe Base64 without padding. */
  public static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "cscmon_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Lower-case hex SHA-256 of the token's UTF-8 bytes, as the tokens file holds it. */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /**
   * Writes a fresh random token to {@code stateDir/api-token}, readable by the owner only (mode 600
   * where the file system has POSIX permissions), replacing the one of an earlier start.
   *
   * @return the token (for the demo to print), and the file it is in
   */
  public static Generated generate(Path stateDir) throws IOException {
    String token = randomToken();
    Files.createDirectories(stateDir);
    Path file = stateDir.resolve(GENERATED_FILE);
    Path tmp = stateDir.resolve(GENERATED_FILE + ".tmp");
    Files.deleteIfExists(tmp);
    boolean posix = Files.getFileStore(stateDir).supportsFileAttributeView("posix");
    if (posix) {
      // Created with the mode, so there is no moment in which others may read it.
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(tmp);
    }
    Files.writeString(tmp, token + "\n");
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Generated(token, file);
  }

  /** A token generated at start: what it is and where it was written. */
  public record Generated(String token, Path file) {
    /** Tokens accepting it, as an {@code operator} named {@code generated}. */
    public Tokens tokens() {
      return Tokens.of("generated", Role.OPERATOR, token);
    }

    @Override
    public String toString() {
      return "Generated[file=" + file + "]"; // never the token
    }
  }

  /**
   * Reads a tokens file.
   *
   * @throws IllegalArgumentException {@code FILE:LINE: FIELD: problem} for the first problem found
   */
  public static Tokens load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read tokens file " + file + ": " + e, e);
    }
    return parse(text, file.toString());
  }

  /**
   * @param label names the source in error messages
   */
  public static Tokens parse(String yaml, String label) {
    Node root;
    try {
      root =
          new Compose(LoadSettings.builder().setLabel(label).build())
              .composeString(yaml)
              .orElseThrow(() -> problem(label, null, "tokens", "the file is empty"));
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
      throw new IllegalArgumentException(
          label + ":" + line + ": not valid YAML: " + e.getProblem(), e);
    } catch (YamlEngineException e) {
      throw new IllegalArgumentException(label + ": not valid YAML: " + e.getMessage(), e);
    }
    Map<String, Node> top =
        mapping(label, root, "", Set.of("tokens", "protect_contract_endpoints"));
    boolean protect = false;
    Node protectNode = top.get("protect_contract_endpoints");
    if (protectNode != null) {
      String v = scalar(label, protectNode, "protect_contract_endpoints");
      if (!v.equals("true") && !v.equals("false")) {
        throw problem(label, protectNode, "protect_contract_endpoints", "must be true or false");
      }
      protect = v.equals("true");
    }
    Node list = top.get("tokens");
    if (!(list instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
      throw problem(label, list == null ? root : list, "tokens", "must be a non-empty list");
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> digests = new HashSet<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      Node item = seq.getValue().get(i);
      String path = "tokens[" + i + "]";
      Map<String, Node> f = mapping(label, item, path, Set.of("name", "role", "sha256"));
      String name = required(label, item, f, path, "name");
      String roleText = required(label, item, f, path, "role");
      String hex = required(label, item, f, path, "sha256").toLowerCase(java.util.Locale.ROOT);
      Role role;
      try {
        role = Role.parse(roleText);
      } catch (IllegalArgumentException e) {
        throw problem(label, f.get("role"), path + ".role", e.getMessage());
      }
      if (!HEX_SHA256.matcher(hex).matches()) {
        throw problem(
            label,
            f.get("sha256"),
            path + ".sha256",
            "must be 64 hex digits, the SHA-256 of the token (printf %s TOKEN | sha256sum),"
                + " not the token itself");
      }
      if (!names.add(name)) {
        throw problem(label, f.get("name"), path + ".name", "'" + name + "' is used twice");
      }
      if (!digests.add(hex)) {
        throw problem(label, f.get("sha256"), path + ".sha256", "the same token is listed twice");
      }
      entries.add(new Entry(name, role, HexFormat.of().parseHex(hex)));
    }
    return new Tokens(entries, protect);
  }

  private static String required(
      String label, Node item, Map<String, Node> f, String path, String key) {
    Node n = f.get(key);
    if (n == null) {
      throw problem(label, item, path + "." + key, "is required");
    }
    String v = scalar(label, n, path + "." + key);
    if (v.isBlank()) {
      throw problem(label, n, path + "." + key, "must not be empty");
    }
    return v;
  }

  private static String scalar(String label, Node n, String path) {
    if (!(n instanceof ScalarNode s)) {
      throw problem(label, n, path, "must be a single value");
    }
    return s.getValue();
  }

  private static Map<String, Node> mapping(
      String label, Node node, String path, Set<String> allowed) {
    if (!(node instanceof MappingNode m)) {
      throw problem(label, node, path.isEmpty() ? "tokens" : path, "must be a mapping");
    }
    Map<String, Node> fields = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = scalar(label, t.getKeyNode(), path);
      String where = path.isEmpty() ? key : path + "." + key;
      if (!allowed.contains(key)) {
        throw problem(
            label,
            t.getKeyNode(),
            where,
            "unknown key; expected one of " + allowed.stream().sorted().toList());
      }
      fields.put(key, t.getValueNode());
    }
    return fields;
  }

  private static IllegalArgumentException problem(
      String label, Node node, String field, String message) {
    int line = node == null ? 0 : node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
    return new IllegalArgumentException(label + ":" + line + ": " + field + ": " + message);
  }
}
