package dev.voicemail.authoring;

import static dev.voicemail.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With voicemail.rules.watch=false an edit waits for POST /v1/rules/reload. */
@QuarkusTest
@TestProfile(TempRulesProfile.NotWatching.class)
class NotWatchingTest {

    @io.quarkus.test.common.http.TestHTTPResource(value = "/metrics", management = true) // under /q
    java.net.URL metrics;

    private final Path rules = Path.of(ConfigProvider.getConfig().getValue("voicemail.rules.dir", String.class));

    @Test
    void editsLoadOnlyOnReload() throws Exception {
        String before = given().get("/v1/rules").jsonPath().getString("version");
        Path file = rules.resolve("policies/manual.drl");
        Files.writeString(file, """
                package policies.manual;

                import dev.voicemail.facts.Action;
                import dev.voicemail.facts.Decision;

                declare ManualPolicy
                    @policy("Loaded by hand.")
                end

                rule "manual hangs up"
                    @explanation("Loaded by hand.")
                    agenda-group "policy" activation-group "decision"
                when
                    $decision : Decision()
                then
                    modify( $decision ) { setAction( Action.HANG_UP ) }
                end
                """);
        try {
            Thread.sleep(1_500); // longer than a debounce and a compile: a watcher would have loaded it
            given().get("/v1/rules").then().body("version", equalTo(before)).body("policies", not(hasItem("manual")));
            given().post("/v1/rules/reload").then().statusCode(200)
                    .body("changed", equalTo(true)).body("policies", hasItem("manual"));
            given().post("/v1/rules/reload").then().statusCode(200).body("changed", equalTo(false));
        } finally {
            Files.delete(file);
        }
        given().post("/v1/rules/reload").then().statusCode(200).body("version", equalTo(before));
    }

    @Test
    void reloadsAndFailuresAreCountedAndTheLoadedVersionReported() throws Exception {
        double reloads = metric("voicemail_rules_reloads_total");
        double failed = metric("voicemail_rules_reloads_failed_total");
        String before = given().get("/v1/rules").jsonPath().getString("version");
        assertEquals(1.0, metric("voicemail_rules_loaded\\{version=\"" + before + "\"\\}"));

        Path file = rules.resolve("policies/counted.drl");
        Files.writeString(file, "package policies.counted;\nrule \"broken\" when then"); // no end, no @explanation
        try {
            given().post("/v1/rules/reload").then().statusCode(422);
            assertEquals(failed + 1, metric("voicemail_rules_reloads_failed_total"));
            assertEquals(reloads, metric("voicemail_rules_reloads_total"));
        } finally {
            Files.delete(file);
        }
        Files.writeString(rules.resolve("common/counted.drl"), "// a comment changes the version\n");
        try {
            String after = given().post("/v1/rules/reload").then().statusCode(200).extract().path("version");
            assertEquals(reloads + 1, metric("voicemail_rules_reloads_total"));
            assertEquals(1.0, metric("voicemail_rules_loaded\\{version=\"" + after + "\"\\}"));
            assertEquals(0.0, metric("voicemail_rules_loaded\\{version=\"" + before + "\"\\}"));
        } finally {
            Files.delete(rules.resolve("common/counted.drl"));
        }
        given().post("/v1/rules/reload").then().statusCode(200).body("version", equalTo(before));
    }

    /** A sample's value in /q/metrics, or 0 when absent. */
    private double metric(String sample) {
        Matcher m = Pattern.compile("(?m)^" + sample + " ([0-9.eE+-]+)$").matcher(
                io.restassured.RestAssured.get(metrics).asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
