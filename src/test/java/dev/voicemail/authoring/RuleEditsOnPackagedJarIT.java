package dev.voicemail.authoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.AppProcess;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Rule edits checked by the packaged jar, whose class loader differs from the test runner's: under
 * {@code @QuarkusTest} these passed while the jar refused every real edit (MVEL's class-name guesses in
 * the trial decisions made Quarkus's RunnerClassLoader reopen jars, more than the 64 MB allocation
 * budget) and, having stopped a trial inside class loading, hung later trials and decisions.
 */
class RuleEditsOnPackagedJarIT {

    @TempDir
    Path tmp;

    @Test
    void editsAreCheckedWithTheShippedBudgetAndARunawayRuleLeavesTheServiceWhole() throws Exception {
        Path rules = tmp.resolve("rules");
        TempRulesProfile.copyTree(Path.of("rules"), rules);
        try (AppProcess app = AppProcess.start(rules, tmp.resolve("data"))) {
            assertTrue(app.awaitReady(Duration.ofSeconds(90)), "service did not start");
            String always = Files.readString(rules.resolve("policies/always.drl"));
            // distinct edits: each a new rule base whose constraints MVEL compiles on their first evaluation
            for (String edit : new String[] {"CALL", "EMAIL", "SMS"}) {
                String drl = always.replaceFirst("(?s)(declare \\w+\\s*\\n\\s*@policy\\(\")", "$1" + edit + " edit. ");
                JsonPath answer = validate(app, Map.of("policies/always.drl", drl,
                        "policies/extra.drl", extraPolicy(edit)));
                assertTrue(answer.getBoolean("valid"), answer.prettify());
            }
            // a runaway rule is stopped and named, and the service goes on: decisions, then a further edit
            JsonPath runaway = validate(app, Map.of("policies/busy.drl", RuleCodeTrustTest.policy("busy", "while ($decision != null) { }")));
            assertFalse(runaway.getBoolean("valid"), runaway.prettify());
            assertTrue(runaway.getString("errors[0].message").contains("\"busy rule\""), runaway.prettify());
            given().port(app.port).header("Authorization", "Bearer " + Api.KEY).contentType(ContentType.JSON)
                    .body(Api.client("always", "America/Chicago")).put("/v1/clients/after-runaway").then().statusCode(201);
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                given().port(app.port).header("Authorization", "Bearer " + Api.KEY).contentType(ContentType.JSON)
                        .body(Api.decision("after-runaway")).post("/v1/decisions").then().statusCode(200);
                assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "a decision waited");
            }
            JsonPath again = validate(app, Map.of("policies/extra.drl", extraPolicy("VISIT")));
            assertTrue(again.getBoolean("valid"), again.prettify());
            assertEquals(200, given().port(app.port).header("Authorization", "Bearer " + Api.KEY)
                    .post("/v1/rules/reload").statusCode());
        }
    }

    private static String extraPolicy(String channelWord) {
        return """
                package policies.extra;
                import dev.voicemail.facts.*;

                declare ExtraPolicy
                    @policy("A voicemail when the history mentions %s.")
                end

                rule "leave a voicemail after an outbound attempt"
                    @explanation("The prospect was reached out to before.")
                    agenda-group "policy" activation-group "decision"
                when
                    exists Attempt( direction == Direction.OUTBOUND, outcome != Outcome.CONNECTED )
                    $decision : Decision()
                then
                    modify( $decision ) { setAction( Action.LEAVE_VOICEMAIL ) }
                end
                """.formatted(channelWord);
    }

    private static JsonPath validate(AppProcess app, Map<String, String> files) {
        return given().port(app.port).header("Authorization", "Bearer " + Api.KEY).contentType(ContentType.JSON)
                .body(Map.of("files", files)).post("/v1/rules/validate")
                .then().statusCode(200).extract().jsonPath();
    }
}
