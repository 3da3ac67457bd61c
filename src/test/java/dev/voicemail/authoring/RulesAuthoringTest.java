package dev.voicemail.authoring;

import static dev.voicemail.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** GET /v1/rules, GET /v1/policies and POST /v1/rules/validate on the real rules/ directory. */
@QuarkusTest
class RulesAuthoringTest {

    private static final Path RULES = Path.of("rules");
    private static final Pattern POLICY_DESCRIPTION = Pattern.compile("@policy\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)");

    private static String policy(String pkg, String type, String rule, String explanation) {
        return """
                package policies.%s;

                import dev.voicemail.facts.Action;
                import dev.voicemail.facts.Decision;

                declare %s
                    @policy("A policy submitted for validation.")
                end

                rule "%s"
                    %s
                    agenda-group "policy" activation-group "decision"
                when
                    $decision : Decision()
                then
                    modify( $decision ) { setAction( Action.HANG_UP ) }
                end
                """.formatted(pkg, type, rule, explanation == null ? "" : "@explanation(\"" + explanation + "\")");
    }

    private static List<String> drlFiles() throws Exception {
        try (Stream<Path> walk = Files.walk(RULES)) {
            return walk.filter(p -> p.toString().endsWith(".drl"))
                    .map(p -> RULES.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Test
    void rulesStatusDescribesTheLoadedDirectory() throws Exception {
        List<String> files = drlFiles();
        List<String> policies = files.stream().filter(f -> f.startsWith("policies/"))
                .map(f -> f.substring("policies/".length(), f.length() - ".drl".length())).sorted().toList();
        JsonPath status = given().get("/v1/rules").then().statusCode(200)
                .body("version", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("loadedAt", notNullValue())
                .body("lastError", nullValue())
                .extract().jsonPath();
        assertEquals(files, status.getList("files"));
        assertEquals(policies, status.getList("policies"));
        assertFalse(policies.isEmpty());
    }

    @Test
    void everyPolicyIsDescribedByItsOwnFile() throws Exception {
        List<Map<String, Object>> described = given().get("/v1/policies").then().statusCode(200)
                .extract().jsonPath().getList("$");
        List<String> files = drlFiles().stream().filter(f -> f.startsWith("policies/")).toList();
        assertEquals(files.size(), described.size());
        for (Map<String, Object> p : described) {
            String file = (String) p.get("file");
            assertEquals("policies/" + p.get("name") + ".drl", file);
            Matcher m = POLICY_DESCRIPTION.matcher(Files.readString(RULES.resolve(file), StandardCharsets.UTF_8));
            assertEquals(true, m.find(), file + " declares @policy");
            assertEquals(m.group(1).replace("\\\"", "\""), p.get("description"), "description of " + file);
            given().get("/v1/policies/" + p.get("name")).then().statusCode(200).body("file", equalTo(file));
        }
        given().get("/v1/policies/no-such-policy").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void validFilesValidateAndLoadNothing() {
        JsonPath before = given().get("/v1/rules").jsonPath();
        validate(Map.of("policies/never.drl", policy("never", "NeverPolicy", "replaced never", "Replaced for validation.")))
                .statusCode(200).body("valid", equalTo(true)).body("errors", empty());
        validate(Map.of("policies/brand-new.drl", policy("brandnew", "BrandNewPolicy", "brand new", "A new one.")))
                .statusCode(200).body("valid", equalTo(true));
        given().get("/v1/rules").then()
                .body("version", equalTo(before.getString("version")))
                .body("policies", not(hasItem("brand-new")));
        given().get("/v1/policies/brand-new").then().statusCode(404);
    }

    @Test
    void syntaxErrorsNameFileAndLine() {
        String broken = policy("broken", "BrokenPolicy", "broken", "Broken.").replace("Decision()", "Decision(");
        validate(Map.of("policies/broken.drl", broken)).statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].file", equalTo("policies/broken.drl"))
                .body("errors[0].line", greaterThan(0))
                .body("errors[0].column", greaterThan(0))
                .body("errors[0].message", notNullValue());
    }

    @Test
    void aRuleWithoutExplanationDoesNotValidate() {
        validate(Map.of("policies/silent.drl", policy("silent", "SilentPolicy", "decides silently", null))).statusCode(200)
                .body("valid", equalTo(false))
                .body("errors.file", hasItem("policies/silent.drl"))
                .body("errors.message", hasItem(containsString("rule \"decides silently\" has no @explanation")));
    }

    @Test
    void aPolicyThatFailsOnAValidRequestDoesNotValidate() {
        String throwing = policy("throwing", "ThrowingPolicy", "throws", "Throws.")
                .replace("modify( $decision ) { setAction( Action.HANG_UP ) }", "throw new IllegalStateException(\"boom\");");
        validate(Map.of("policies/throwing.drl", throwing)).statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].file", equalTo("policies/throwing.drl"))
                .body("errors[0].message", containsString("failed a trial decision"));
    }

    @Test
    void aFileOutsideTheLayoutDoesNotValidate() {
        validate(Map.of("other/x.drl", "package other;\n")).statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].file", equalTo("other/x.drl"))
                .body("errors[0].message", containsString("common/ or policies/"));
    }

    @Test
    void badValidationRequestsAreRefused() {
        for (String path : List.of("../x.drl", "policies/../../etc/x.drl", "/etc/x.drl", "policies/./x.drl",
                "policies/x.txt", "policies//x.drl", "policies\\x.drl", "")) {
            validate(Map.of(path, "package x;\n")).statusCode(400)
                    .body("error", equalTo("invalid_request")).body("field", equalTo("files"));
        }
        validate(Map.of()).statusCode(400).body("field", equalTo("files"));
        given().contentType(ContentType.JSON).body("{}").post("/v1/rules/validate").then().statusCode(400)
                .body("field", equalTo("files"));
        given().contentType(ContentType.JSON).body("{\"files\": {\"policies/x.drl\": null}}").post("/v1/rules/validate")
                .then().statusCode(400).body("field", equalTo("files"));
        given().contentType(ContentType.JSON).body("{\"files\": {}, \"extra\": 1}").post("/v1/rules/validate")
                .then().statusCode(400).body("error", equalTo("unknown_field"));
        given().contentType(ContentType.JSON).body("{\"files\": [\"x\"]}").post("/v1/rules/validate")
                .then().statusCode(400).body("error", notNullValue());
        given().contentType(ContentType.JSON).body("not json").post("/v1/rules/validate")
                .then().statusCode(400).body("error", equalTo("malformed_json"));
        validate(Map.of("policies/huge.drl", "//" + "x".repeat(RulesResource.MAX_FILE_CHARS))).statusCode(413)
                .body("error", equalTo("limit_exceeded"));
    }

    private static io.restassured.response.ValidatableResponse validate(Map<String, String> files) {
        return given().contentType(ContentType.JSON).body(Map.of("files", files)).post("/v1/rules/validate").then();
    }
}
