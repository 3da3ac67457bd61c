package dev.voicemail.authoring;

import static dev.voicemail.testing.Api.as;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** What GET /v1/rules reports about clients names only the caller's own, except to the operator's agency. */
@QuarkusTest
@TestProfile(TempRulesProfile.NotWatching.class)
class RulesErrorsPerAgencyTest {

    private final Path rules = Path.of(ConfigProvider.getConfig().getValue("voicemail.rules.dir", String.class));

    @Test
    void aMissingPolicysClientsAreNamedOnlyToTheirOwnAgency() throws Exception {
        String author = Api.operatorAuthor();
        Path file = rules.resolve("policies/shared-doomed.drl");
        Files.writeString(file, TempRulesProfile.hangUpPolicy("shareddoomed", "SharedDoomed", "About to be deleted."));
        as(author).post("/v1/rules/reload").then().statusCode(200);
        Api.Agency mine = Api.newAgency("mine");
        Api.Agency theirs = Api.newAgency("theirs");
        String myClient = Api.unique("zenith");
        String theirClient = Api.unique("zenith");
        mine.client(myClient, "shared-doomed");
        theirs.client(theirClient, "shared-doomed");
        Files.delete(file);
        try {
            as(author).post("/v1/rules/reload").then().statusCode(422);
            String seenByMine = mine.asAdmin().get("/v1/rules").then().statusCode(200).extract().asString();
            assertTrue(seenByMine.contains(mine.name() + "/" + myClient), seenByMine);
            assertFalse(seenByMine.contains(theirClient) || seenByMine.contains(theirs.name()), seenByMine);
            String seenByTheirs = theirs.asAdmin().get("/v1/rules").then().statusCode(200).extract().asString();
            assertTrue(seenByTheirs.contains(theirs.name() + "/" + theirClient), seenByTheirs);
            assertFalse(seenByTheirs.contains(myClient) || seenByTheirs.contains(mine.name()), seenByTheirs);
            String seenByOperator = as(author).get("/v1/rules").then().statusCode(200).extract().asString();
            assertTrue(seenByOperator.contains(myClient) && seenByOperator.contains(theirClient), seenByOperator);
            // an agency none of whose clients is concerned sees no names at all
            String seenByNone = Api.newAgency("none").asAdmin().get("/v1/rules").then().statusCode(200).extract().asString();
            assertFalse(seenByNone.contains(myClient) || seenByNone.contains(theirClient), seenByNone);
        } finally {
            mine.asAdmin().delete("/v1/clients/" + myClient).then().statusCode(204);
            theirs.asAdmin().delete("/v1/clients/" + theirClient).then().statusCode(204);
            as(author).post("/v1/rules/reload").then().statusCode(200);
        }
    }
}
