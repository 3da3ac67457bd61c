package dev.voicemail.authoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With voicemail.rules.watch=false an edit waits for POST /v1/rules/reload. */
@QuarkusTest
@TestProfile(TempRulesProfile.NotWatching.class)
class NotWatchingTest {

    private final Path rules = Path.of(ConfigProvider.getConfig().getValue("voicemail.rules.dir", String.class));

    @Test
    void editsLoadOnlyOnReload() throws Exception {
        String before = given().get("/v1/rules").jsonPath().getString("version");
        Path file = rules.resolve("policies/manual.drl");
        Files.writeString(file, """
                package policies.manual;

                import dev.voicemail.decision.Decision;

                declare ManualPolicy
                    @policy("Loaded by hand.")
                end

                rule "manual hangs up"
                    @explanation("Loaded by hand.")
                when
                    $decision : Decision( undecided )
                then
                    modify( $decision ) { hangUp( kcontext ) }
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
}
