package dev.voicemail.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.voicemail.api.ApiException;
import dev.voicemail.api.JsonSettings;
import dev.voicemail.clients.Client;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionRequest;
import dev.voicemail.decision.DecisionResponse;
import dev.voicemail.decision.DecisionService;
import dev.voicemail.decision.RequestReader;
import dev.voicemail.rules.PolicyRules;
import dev.voicemail.rules.RuleSet;

/**
 * Runs the scenario files of a rules directory ({@code tests/**}{@code /*.yaml}) against a compiled
 * rule set, in process: the same request reading and the same decision code as the API, without a
 * server or a database. A rule author's {@code opa test}.
 */
public final class ScenarioRunner {

    public static final String TESTS = "tests";

    private final ObjectMapper json;
    private final ObjectMapper yaml;
    private final RequestReader reader = new RequestReader(100_000);

    public ScenarioRunner() {
        json = strict(new ObjectMapper());
        yaml = strict(new ObjectMapper(new YAMLFactory()));
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        new JsonSettings().customize(mapper);
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return mapper;
    }

    /** Scenario files below {@code rulesDir/tests}, sorted. */
    public static List<Path> files(Path rulesDir) throws IOException {
        Path tests = rulesDir.resolve(TESTS);
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(tests)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Every case of one file; a file that cannot be read is one failed result. */
    public List<ScenarioResult> run(RuleSet rules, Path rulesDir, Path file) {
        String name = rulesDir.relativize(file).toString().replace('\\', '/');
        ScenarioFile scenarios;
        try {
            scenarios = yaml.readValue(file.toFile(), ScenarioFile.class);
        } catch (IOException e) {
            return List.of(new ScenarioResult(name, "(file)", false, "cannot read the scenario file: " + e.getMessage()));
        }
        if (scenarios == null || scenarios.cases() == null || scenarios.cases().isEmpty()) {
            return List.of(new ScenarioResult(name, "(file)", false, "the file has no cases"));
        }
        List<ScenarioResult> results = new ArrayList<>();
        int i = 0;
        for (ScenarioFile.Case c : scenarios.cases()) {
            String caseName = c.name() == null ? "case " + (i + 1) : c.name();
            results.add(runCase(rules, name, caseName, scenarios, c));
            i++;
        }
        return results;
    }

    private ScenarioResult runCase(RuleSet rules, String file, String name, ScenarioFile defaults, ScenarioFile.Case c) {
        try {
            String policyName = c.policy() != null ? c.policy() : defaults.policy();
            if (policyName == null) {
                return fail(file, name, "no policy: give `policy:` in the file or the case");
            }
            PolicyRules policy = rules.policy(policyName);
            if (policy == null) {
                return fail(file, name, "no policy '" + policyName + "' in the rule set; known: " + rules.policies().keySet());
            }
            Client client = client(policyName, defaults.client(), c);
            Map<String, String> problems = policy.check(client.parameters());
            if (!problems.isEmpty()) {
                return fail(file, name, "bad parameters: " + problems);
            }
            if (c.request() == null || !c.request().isObject()) {
                return fail(file, name, "no `request:` object");
            }
            if (c.expect() == null || !c.expect().isObject() || c.expect().isEmpty()) {
                return fail(file, name, "no `expect:` object: a case must expect something");
            }
            ObjectNode request = ((ObjectNode) c.request()).deepCopy();
            request.put("clientId", client.id());
            DecisionInput input = reader.read(json.treeToValue(request, DecisionRequest.class));
            DecisionResponse response = DecisionService.decide(rules, client, input);
            JsonNode actual = json.valueToTree(response);
            List<String> mismatches = new ArrayList<>();
            compare("", c.expect(), actual, mismatches);
            if (mismatches.isEmpty()) {
                return new ScenarioResult(file, name, true, null);
            }
            return fail(file, name, String.join("; ", mismatches) + "\n  answer: " + actual);
        } catch (ApiException e) {
            return fail(file, name, "the request is invalid: " + (e.field() == null ? "" : e.field() + ": ") + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return fail(file, name, "cannot run: " + e);
        }
    }

    private static ScenarioResult fail(String file, String name, String message) {
        return new ScenarioResult(file, name, false, message);
    }

    private static Client client(String policy, ScenarioFile.ClientSpec base, ScenarioFile.Case c) {
        ScenarioFile.ClientSpec over = c.client();
        String name = pick(over == null ? null : over.name(), base == null ? null : base.name(), "Scenario Client");
        String zone = pick(over == null ? null : over.timezone(), base == null ? null : base.timezone(), null);
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (base != null && base.parameters() != null) {
            parameters.putAll(base.parameters());
        }
        if (over != null && over.parameters() != null) {
            parameters.putAll(over.parameters());
        }
        if (c.parameters() != null) {
            parameters.putAll(c.parameters());
        }
        List<String> props = pick(over == null ? null : over.valuePropositions(),
                base == null ? null : base.valuePropositions(), List.of());
        Instant now = Instant.now();
        return new Client("scenarios", "scenario", name, policy, zone, parameters, props, 1, now, now);
    }

    private static <T> T pick(T first, T second, T fallback) {
        return first != null ? first : second != null ? second : fallback;
    }

    /** Subset match: every expected field must be in the answer with an equal value. */
    static void compare(String path, JsonNode expected, JsonNode actual, List<String> mismatches) {
        if (path.equals("reasons") && expected.isArray()) {
            compareReasons(expected, actual, mismatches);
            return;
        }
        if (expected.isObject()) {
            if (actual == null || !actual.isObject()) {
                mismatches.add("expected " + label(path) + " to be " + expected + " but was " + actual);
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                compare(path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue(), actual.get(f.getKey()), mismatches);
            }
            return;
        }
        if (expected.isArray()) {
            if (actual == null || !actual.isArray() || actual.size() != expected.size()) {
                mismatches.add("expected " + label(path) + " " + expected + " but was " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), mismatches);
            }
            return;
        }
        if (!sameScalar(expected, actual)) {
            mismatches.add("expected " + label(path) + " " + expected + " but was " + (actual == null ? "absent" : actual));
        }
    }

    private static String label(String path) {
        return path.isEmpty() ? "the answer" : path;
    }

    private static boolean sameScalar(JsonNode expected, JsonNode actual) {
        boolean expectNull = expected.isNull();
        if (actual == null || actual.isNull()) {
            return expectNull;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isTextual() && actual.isTextual()) {
            if (expected.asText().equals(actual.asText())) {
                return true;
            }
            Instant e = instant(expected.asText());
            return e != null && e.equals(instant(actual.asText())); // same moment, any offset
        }
        return expected.equals(actual);
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Expected rule names must all have fired, in this order; other rules may fire between them. */
    private static void compareReasons(JsonNode expected, JsonNode actual, List<String> mismatches) {
        List<String> fired = new ArrayList<>();
        if (actual != null) {
            actual.forEach(r -> fired.add(r.path("rule").asText()));
        }
        int at = 0;
        for (JsonNode e : expected) {
            String rule = e.isObject() ? e.path("rule").asText() : e.asText();
            int found = fired.subList(at, fired.size()).indexOf(rule);
            if (found < 0) {
                mismatches.add("expected rule \"" + rule + "\" to fire" + (at > 0 ? " after the ones before it" : "")
                        + "; fired: " + fired);
                return;
            }
            at += found + 1;
        }
    }
}
