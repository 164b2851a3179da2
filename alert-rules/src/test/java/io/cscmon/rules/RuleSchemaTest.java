package io.cscmon.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.RiskCategory;
import io.cscmon.core.alert.Severity;
import io.cscmon.core.rule.DetectorFiles;
import io.cscmon.core.rule.RuleFiles;
import io.cscmon.core.rule.RuleTexts;
import io.cscmon.core.rule.RuleValidationException;
import io.cscmon.core.rule.Signals;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The JSON Schema of rule files agrees with the shipped rules and with the loader. */
class RuleSchemaTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static JsonSchema schema;
  private static JsonNode schemaJson;

  @BeforeAll
  static void loadSchema() throws Exception {
    Path file = Path.of("schema/rules.schema.json");
    schemaJson = MAPPER.readTree(file.toFile());
    try (InputStream in = Files.newInputStream(file)) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }

  static JsonNode yaml(String text) {
    Object data = new Load(LoadSettings.builder().build()).loadFromString(text);
    return MAPPER.valueToTree(data);
  }

  private static List<Path> shippedFiles() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("rules"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void everyShippedRuleFileValidatesAgainstTheSchema() throws Exception {
    assertThat(shippedFiles()).isNotEmpty();
    for (Path file : shippedFiles()) {
      Set<ValidationMessage> errors = schema.validate(yaml(Files.readString(file)));
      assertThat(errors).as(file.toString()).isEmpty();
    }
  }

  @Test
  void theShippedDirectoryPassesTheLoaderToo() throws Exception {
    assertThat(RuleFiles.parse(RuleTexts.read(Path.of("."))).rules()).isNotEmpty();
  }

  @Test
  void aFileTheLoaderRefusesTheSchemaRefusesToo() throws Exception {
    String text = Files.readString(Path.of("rules/service-level.yaml"));
    String broken =
        text.replaceFirst("risk_category: operational", "risk_category: operationel")
            .replaceFirst("hold: \\d+m\n    levels", "hold: 5 minutes\n    levels");
    Set<ValidationMessage> errors = schema.validate(yaml(broken));
    assertThat(errors)
        .extracting(m -> m.getInstanceLocation().toString())
        .containsExactlyInAnyOrder("$.rules[0].risk_category", "$.rules[0].hold");
  }

  @Test
  void aHoldOfZeroIsValidForSchemaAndLoaderAlike() throws Exception {
    String text = Files.readString(Path.of("rules/service-level.yaml"));
    String noHold = text.replaceAll("hold: \\d+m", "hold: 0s");
    assertThat(noHold).isNotEqualTo(text);
    assertThat(schema.validate(yaml(noHold))).isEmpty();
    RuleFiles.parse(
        new RuleTexts(new java.util.TreeMap<>(java.util.Map.of("s.yaml", noHold)), "t"));
  }

  @Test
  void aBrokenDetectorOrEmergencySectionIsRefusedBySchemaAndLoaderAlike() throws Exception {
    String attacks =
        Files.readString(Path.of("rules/attacks.yaml"))
            .replace("min_repeats: 10", "min_repeats: ten")
            .replace("ratio_margin: 0.10", "ratio_margin: 1.5");
    assertThat(schema.validate(yaml(attacks)))
        .extracting(m -> m.getInstanceLocation().toString())
        .containsExactlyInAnyOrder(
            "$.detectors.tdos.min_repeats", "$.detectors.credential_stuffing.ratio_margin");
    String emergency =
        Files.readString(Path.of("rules/emergency.yaml"))
            .replace("      teams: \"business", "      team: \"business");
    assertThat(schema.validate(yaml(emergency))).isNotEmpty();
    for (String[] file :
        new String[][] {{"attacks.yaml", attacks}, {"emergency.yaml", emergency}}) {
      java.util.TreeMap<String, String> files = new java.util.TreeMap<>();
      files.put("service-level.yaml", Files.readString(Path.of("rules/service-level.yaml")));
      files.put(file[0], file[1]);
      assertThatThrownBy(() -> RuleFiles.parse(new RuleTexts(files, "test")))
          .isInstanceOf(RuleValidationException.class)
          .hasMessageContaining(file[0]);
    }
  }

  @Test
  void theSchemasDetectorGroupsAreTheLoaders() {
    JsonNode groups = schemaJson.at("/properties/detectors/properties");
    List<String> names = new java.util.ArrayList<>();
    groups.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyElementsOf(DetectorFiles.fieldsByGroup().keySet());
    DetectorFiles.fieldsByGroup()
        .forEach(
            (group, fields) -> {
              JsonNode def = schemaJson.at("/$defs/detector_" + group);
              List<String> required = strings(def.at("/required"));
              assertThat(required)
                  .as(group)
                  .containsExactlyInAnyOrderElementsOf(
                      java.util.stream.Stream.concat(fields.stream(), Stream.of("source"))
                          .toList());
            });
  }

  @Test
  void theSchemasVocabularyIsTheCodes() {
    JsonNode rule = schemaJson.at("/$defs/rule/properties");
    assertThat(strings(rule.at("/incident_type/enum")))
        .containsExactlyElementsOf(wire(IncidentType.values()));
    assertThat(strings(rule.at("/risk_category/enum")))
        .containsExactlyElementsOf(wire(RiskCategory.values()));
    assertThat(strings(schemaJson.at("/$defs/level/properties/severity/enum")))
        .containsExactlyInAnyOrderElementsOf(wire(Severity.values()));
    for (Signals.Signal signal : Signals.all()) {
      assertThat(signal.name()).matches(rule.at("/signal/pattern").asText());
      assertThat(strings(rule.at("/scope/enum"))).contains(signal.scopeLabel());
    }
  }

  private static List<String> strings(JsonNode array) {
    assertThat(array.isArray()).isTrue();
    return MAPPER.convertValue(
        array, MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  private static List<String> wire(Enum<?>[] values) {
    return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
  }
}
