package dev.voicemail.experiments;

import static dev.voicemail.testing.Api.as;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.voicemail.authoring.TempRulesProfile;
import dev.voicemail.testing.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A policy that only a running experiment's arm uses is in use: a reload that drops it is refused
 * (its arm's decisions would fail), naming the experiment; once the experiment stops, it may go.
 */
@QuarkusTest
@TestProfile(TempRulesProfile.NotWatching.class)
class ArmPoliciesStayLoadedTest {

    private final Path rules = Path.of(ConfigProvider.getConfig().getValue("voicemail.rules.dir", String.class));

    @Test
    void aReloadCannotDropAPolicyOnlyARunningArmUses() throws Exception {
        String author = Api.operatorAuthor();
        Path file = rules.resolve("policies/arm-only.drl");
        Files.writeString(file, TempRulesProfile.hangUpPolicy("armonly", "ArmOnly", "Used by an experiment's arm only."));
        as(author).post("/v1/rules/reload").then().statusCode(200);
        Api.Agency agency = Api.newAgency("arms");
        String clientId = Api.unique("c");
        agency.client(clientId, "never");
        String base = "/v1/clients/" + clientId + "/experiments/arm-only";
        agency.asAdmin().body(ExperimentApiTests.experiment(List.of(ExperimentApiTests.arm("control", "never", 1),
                ExperimentApiTests.arm("candidate", "arm-only", 1)))).put(base).then().statusCode(201);
        agency.asAdmin().post(base + "/start").then().statusCode(200);
        Files.delete(file);
        try {
            as(author).post("/v1/rules/reload").then().statusCode(422)
                    .body(containsString("policy 'arm-only' is used by"))
                    .body(containsString(clientId + " (experiment arm-only, arm candidate)"));
            // the arm still decides under the loaded rules
            agency.asAdmin().get("/v1/policies").then().statusCode(200).body(containsString("arm-only"));
            agency.asAdmin().post(base + "/stop").then().statusCode(200);
            as(author).post("/v1/rules/reload").then().statusCode(200);
        } finally {
            if (Files.exists(file)) {
                Files.delete(file);
            }
        }
    }
}
