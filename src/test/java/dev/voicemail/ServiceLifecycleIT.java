package dev.voicemail;

import static dev.voicemail.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.voicemail.authoring.TempRulesProfile;
import dev.voicemail.testing.Api;
import dev.voicemail.testing.AppProcess;

import io.restassured.http.ContentType;

/**
 * The packaged service, run as users run it: clients survive a restart, and so do the compiled rules
 * (the restart loads them from the data directory's cache instead of compiling); a broken rule file
 * stops start-up.
 */
class ServiceLifecycleIT {

    private static final Path RULES = Path.of("rules");

    @Test
    void clientsSurviveARestart(@TempDir Path data) throws Exception {
        try (AppProcess app = AppProcess.start(RULES, data)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(60)), () -> "service did not start");
            given().port(app.port).contentType(ContentType.JSON)
                    .body(Api.client("only-after-contact", "America/Chicago"))
                    .put("/v1/clients/durable").then().statusCode(201);
            String out = app.output();
            assertTrue(out.contains("(6 policies compiled, 0 from the compiled-rules cache)"), () -> "first start:\n" + out);
            // the rules were loaded while Quarkus booted, from the configuration main read early (EarlyConfig:
            // the rules and data directories given as system properties)
            assertTrue(out.contains("while Quarkus started, then waited") && out.contains("Trial decisions ran while Quarkus started"),
                    () -> "the preload was not used:\n" + out);
        }
        try (AppProcess app = AppProcess.start(RULES, data)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(60)), () -> "service did not restart");
            given().port(app.port).get("/v1/clients/durable")
                    .then().statusCode(200)
                    .body("policy", equalTo("only-after-contact"))
                    .body("timezone", equalTo("America/Chicago"));
            given().port(app.port).contentType(ContentType.JSON)
                    .body("{\"clientId\": \"durable\", \"prospect\": {\"id\": \"p\"}}")
                    .post("/v1/decisions").then().statusCode(200).body("action", equalTo("HANG_UP"));
            String out = app.output();
            assertTrue(out.contains("(0 policies compiled, 6 from the compiled-rules cache)"), () -> "restart:\n" + out);
        }
    }

    @Test
    void aCompileErrorStopsStartUpNamingFileAndLine(@TempDir Path tmp) throws Exception {
        Path rules = tmp.resolve("rules");
        TempRulesProfile.copyTree(RULES, rules);
        Path broken = rules.resolve("policies/always.drl");
        String drl = Files.readString(broken);
        // Line of the first "when" of the file gets a syntax error.
        String[] lines = drl.split("\n", -1);
        int line = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals("when")) {
                lines[i] = "whenn";
                line = i + 1;
                break;
            }
        }
        Files.writeString(broken, String.join("\n", lines));
        try (AppProcess app = AppProcess.start(rules, tmp.resolve("data"))) {
            assertFalse(app.awaitReady(Duration.ofSeconds(60)), "service started on a broken rule set");
            assertNotEquals(0, app.awaitExit(Duration.ofSeconds(30)));
            String out = app.output();
            assertTrue(out.contains("policies/always.drl:" + line), () -> "no file:line in:\n" + out);
        }
    }
}
