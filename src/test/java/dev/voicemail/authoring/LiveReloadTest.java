package dev.voicemail.authoring;

import static dev.voicemail.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Edits a temporary copy of rules/ while a client keeps deciding through the API: no request fails,
 * every answer comes wholly from one rule set, a change shows within 2 seconds, a broken edit keeps
 * the last good rules and reports where it is broken, and fixing it recovers.
 */
@QuarkusTest
@TestProfile(TempRulesProfile.class)
class LiveReloadTest {

    /** The bound. A machine shared far beyond its cores may need more: -Dvoicemail.test.reload-within-ms=... */
    private static final long SHOWS_WITHIN_MS = Long.getLong("voicemail.test.reload-within-ms", 2_000);
    private static final String CLIENT = "live-reload";
    private static final String POLICY_FILE = "policies/live-edit.drl";
    private static final String DECISION = """
            {"clientId": "live-reload", "prospect": {"id": "p-1"}, "call": {"at": "2026-11-23T10:35:00-06:00"}}""";

    /** The test's own policy, so that the shipped ones may change freely: one rule, deciding as told. */
    private static String policy(String ruleName, String decide) {
        return """
                // written by LiveReloadTest
                package policies.liveedit;

                import dev.voicemail.facts.Action;
                import dev.voicemail.facts.Decision;

                declare LiveEditPolicy
                    @policy("A policy that LiveReloadTest rewrites while requests are decided.")
                end

                rule "%s"
                    @explanation("The live reload test wrote this rule.")
                    agenda-group "policy" activation-group "decision"
                when
                    $decision : Decision()
                then
                    modify( $decision ) { setAction( Action.%s ) }
                end
                """.formatted(ruleName, decide);
    }

    private record Answer(int status, String action, String version, String rule, String body) {
    }

    private final Path rules = Path.of(ConfigProvider.getConfig().getValue("voicemail.rules.dir", String.class));

    @Test
    void editsShowWhileClientsKeepDeciding() throws Exception {
        write(POLICY_FILE, policy("first version hangs up", "HANG_UP"));
        awaitRules(r -> r.getList("policies").contains("live-edit"), "the new policy file to load");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Live Reload", "policy", "live-edit", "timezone", "America/Chicago"))
                .put("/v1/clients/" + CLIENT).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));

        Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread client = new Thread(() -> {
            while (running.get()) {
                try {
                    Response r = given().contentType(ContentType.JSON).body(DECISION).post("/v1/decisions");
                    JsonPath json = r.jsonPath();
                    answers.add(r.statusCode() == 200
                            ? new Answer(200, json.getString("action"), json.getString("rulesVersion"),
                                    json.getString("reasons[0].rule"), null)
                            : new Answer(r.statusCode(), null, null, null, r.asString()));
                } catch (RuntimeException e) {
                    answers.add(new Answer(-1, null, null, null, e.toString()));
                }
                pause(2); // a steady stream of requests that leaves the reload some CPU on a 2-core machine
            }
        }, "deciding-client");
        client.start();
        try {
            awaitAnswer(answers, a -> "first version hangs up".equals(a.rule()), 5_000, "the first version to decide");

            // A change of behaviour shows within 2 seconds
            long edited = System.currentTimeMillis();
            write(POLICY_FILE, policy("second version leaves a voicemail", "LEAVE_VOICEMAIL"));
            Answer changed = awaitAnswer(answers, a -> "second version leaves a voicemail".equals(a.rule()),
                    SHOWS_WITHIN_MS, "the edit to show in decisions");
            long shownAfter = System.currentTimeMillis() - edited;
            assertEquals("LEAVE_VOICEMAIL", changed.action());
            assertTrue(shownAfter <= SHOWS_WITHIN_MS, "the edit showed after " + shownAfter + " ms");
            String goodVersion = changed.version();

            // A broken edit keeps the last good rules, and says where it is broken
            write(POLICY_FILE, policy("third version", "LEAVE_VOICEMAIL").replace("Decision()",
                    "Decision("));
            JsonPath broken = awaitRules(r -> r.get("lastError") != null, "the broken edit to be reported");
            assertEquals(goodVersion, broken.getString("version"));
            assertEquals(POLICY_FILE, broken.getString("lastError.errors[0].file"));
            assertTrue(broken.getInt("lastError.errors[0].line") > 0, "a line number: " + broken.prettify());
            assertTrue(broken.getString("lastError.at") != null);
            int before = answers.size();
            awaitAnswerCount(answers, before + 20);
            assertTrue(answers.stream().skip(before).allMatch(a -> goodVersion.equals(a.version())
                    && "second version leaves a voicemail".equals(a.rule())), "the last good rules keep deciding");
            given().post("/v1/rules/reload").then().statusCode(422)
                    .body("error", org.hamcrest.Matchers.equalTo("rules_invalid"))
                    .body("errors.file", hasItem(POLICY_FILE))
                    .body("errors.line", everyItem(greaterThan(0)));

            // Fixing the file recovers
            long fixed = System.currentTimeMillis();
            write(POLICY_FILE, policy("fourth version hangs up again", "HANG_UP"));
            awaitAnswer(answers, a -> "fourth version hangs up again".equals(a.rule()), SHOWS_WITHIN_MS,
                    "the fixed file to decide");
            assertTrue(System.currentTimeMillis() - fixed <= SHOWS_WITHIN_MS);
            awaitRules(r -> r.get("lastError") == null, "the error to clear");
        } finally {
            running.set(false);
            client.join(10_000);
        }

        List<Answer> all = new ArrayList<>(answers);
        List<Answer> failed = all.stream().filter(a -> a.status() != 200).toList();
        assertTrue(failed.isEmpty(), failed.size() + " of " + all.size() + " requests failed, e.g. " + failed.stream().limit(3).toList());
        // identical requests: one rule set gives one answer, so an answer mixing two would show here
        Map<String, String> answerOfVersion = new HashMap<>();
        for (Answer a : all) {
            String previous = answerOfVersion.putIfAbsent(a.version(), a.action() + " by " + a.rule());
            if (previous != null) {
                assertEquals(previous, a.action() + " by " + a.rule(), "two answers from rules " + a.version());
            }
        }
        assertTrue(answerOfVersion.size() >= 3, "decided by the three good versions: " + answerOfVersion);
        assertTrue(all.size() > 20, "the client kept deciding: " + all.size() + " decisions");
    }

    @Test
    void missingExplanationIsAnErrorOfTheReload() throws Exception {
        String before = given().get("/v1/rules").jsonPath().getString("version");
        write("policies/no-explanation.drl", """
                package policies.noexplanation;

                import dev.voicemail.facts.Action;
                import dev.voicemail.facts.Decision;

                declare NoExplanationPolicy
                    @policy("A policy with a rule that does not say why it fires.")
                end

                rule "decides without saying why"
                    agenda-group "policy" activation-group "decision"
                when
                    $decision : Decision()
                then
                    modify( $decision ) { setAction( Action.HANG_UP ) }
                end
                """);
        try {
            given().post("/v1/rules/reload").then().statusCode(422)
                    .body("errors.file", hasItem("policies/no-explanation.drl"))
                    .body("errors.message", hasItem(containsString("\"decides without saying why\" has no @explanation")));
            JsonPath status = awaitRules(r -> r.get("lastError") != null, "the error to show");
            assertEquals(before, status.getString("version"));
            assertTrue(status.getList("lastError.errors.message", String.class).stream()
                    .anyMatch(m -> m.contains("decides without saying why")));
        } finally {
            Files.delete(rules.resolve("policies/no-explanation.drl"));
        }
        given().post("/v1/rules/reload").then().statusCode(200).body("version", org.hamcrest.Matchers.equalTo(before));
        given().get("/v1/rules").then().body("lastError", nullValue());
    }

    @Test
    void aPolicyThatClientsUseCannotDisappear() throws Exception {
        write("policies/in-use.drl", policy("in use", "HANG_UP").replace("policies.liveedit", "policies.inuse")
                .replace("LiveEditPolicy", "InUsePolicy"));
        given().post("/v1/rules/reload").then().statusCode(200).body("policies", hasItem("in-use"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Uses It", "policy", "in-use"))
                .put("/v1/clients/uses-in-use").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        String text = Files.readString(rules.resolve("policies/in-use.drl"));
        Files.delete(rules.resolve("policies/in-use.drl"));
        try {
            given().post("/v1/rules/reload").then().statusCode(422)
                    .body("errors.file", hasItem("policies/in-use.drl"))
                    .body("errors.message", hasItem(containsString("uses-in-use")));
            given().get("/v1/rules").then().body("policies", hasItem("in-use"));
            given().contentType(ContentType.JSON).body(DECISION.replace(CLIENT, "uses-in-use"))
                    .post("/v1/decisions").then().statusCode(200).body("policy", org.hamcrest.Matchers.equalTo("in-use"));
        } finally {
            write("policies/in-use.drl", text);
        }
        given().post("/v1/rules/reload").then().statusCode(200);
        given().delete("/v1/clients/uses-in-use").then().statusCode(204);
    }

    @Test
    void newFoldersAreWatchedToo() throws Exception {
        write("common/extra/a.drl", "package common.extra;\n");
        awaitRules(r -> r.getList("files").contains("common/extra/a.drl"), "a file in a new folder to load");
        // only a watch on the new folder itself sees this file appear
        write("common/extra/b.drl", "package common.extra;\n// nothing yet\n");
        awaitRules(r -> r.getList("files").contains("common/extra/b.drl"), "a second file in that folder to load");
        Files.delete(rules.resolve("common/extra/a.drl"));
        Files.delete(rules.resolve("common/extra/b.drl"));
        Files.delete(rules.resolve("common/extra"));
        awaitRules(r -> !r.getList("files").contains("common/extra/a.drl"), "the removal to load");
    }

    @Test
    void policyParametersAreDescribedFromTheirDrl() throws Exception {
        write("common/test-hours.drl", """
                package common.testhours;

                declare TestHours
                    @parameters
                    testEarliestHour : int = 8 @doc("no voicemail before this local hour (a test parameter)")
                end
                """);
        write("policies/with-parameters.drl", """
                package policies.withparameters;

                import dev.voicemail.facts.Action;
                import dev.voicemail.facts.Decision;

                declare WithParametersPolicy
                    @policy("A policy with documented parameters.")
                    maxVoicemails : int = 3 @doc("voicemails at most per prospect")
                    pitch : String = null @doc("what to say, if anything")
                end

                rule "with parameters decides"
                    @explanation("The test policy hangs up.")
                    agenda-group "policy" activation-group "decision"
                when
                    $decision : Decision()
                then
                    modify( $decision ) { setAction( Action.HANG_UP ) }
                end
                """);
        try {
            given().post("/v1/rules/reload").then().statusCode(200);
            JsonPath p = given().get("/v1/policies/with-parameters").then().statusCode(200).extract().jsonPath();
            assertEquals("A policy with documented parameters.", p.getString("description"));
            assertEquals("policies/with-parameters.drl", p.getString("file"));
            assertEquals(List.of("maxVoicemails", "pitch", "testEarliestHour"),
                    p.getList("parameters.findAll { !it.common || it.name == 'testEarliestHour' }.name"));
            assertEquals(Map.of("name", "maxVoicemails", "type", "integer", "default", 3,
                    "description", "voicemails at most per prospect", "nullable", false, "common", false),
                    p.getMap("parameters[0]"));
            assertEquals("string", p.getString("parameters[1].type"));
            assertTrue(p.getBoolean("parameters[1].nullable"));
            assertTrue(p.getMap("parameters[1]").containsKey("default") && p.get("parameters[1].default") == null);
            assertTrue(p.getBoolean("parameters.find { it.name == 'testEarliestHour' }.common"));
            assertEquals("no voicemail before this local hour (a test parameter)", p.getString("parameters.find { it.name == 'testEarliestHour' }.description"));
            // the common parameter applies under every policy
            given().get("/v1/policies").then().statusCode(200)
                    .body("find { it.name == 'live-edit' || it.name == 'never' }.parameters.name", hasItem("testEarliestHour"));
        } finally {
            Files.delete(rules.resolve("policies/with-parameters.drl"));
            Files.delete(rules.resolve("common/test-hours.drl"));
        }
        given().post("/v1/rules/reload").then().statusCode(200).body("policies", not(hasItem("with-parameters")));
        given().get("/v1/policies/with-parameters").then().statusCode(404).body("error", notNullValue());
    }

    @Test
    void statusListsTheLoadedFiles() {
        given().get("/v1/rules").then().statusCode(200)
                .body("files", hasItems("common/fallback.drl"))
                .body("loadedAt", notNullValue());
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(String path, String text) throws Exception {
        Path file = rules.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Waits for a state, not a speed (the speed bound is SHOWS_WITHIN_MS): a common file recompiles every policy. */
    private static JsonPath awaitRules(Predicate<JsonPath> condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonPath last = null;
        while (System.currentTimeMillis() < deadline) {
            last = given().get("/v1/rules").then().statusCode(200).extract().jsonPath();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        fail("timed out waiting for " + what + "; GET /v1/rules: " + (last == null ? null : last.prettify()));
        return null;
    }

    private static Answer awaitAnswer(Queue<Answer> answers, Predicate<Answer> condition, long withinMs, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + withinMs;
        int seen = 0;
        while (true) {
            List<Answer> now = new ArrayList<>(answers);
            for (int i = seen; i < now.size(); i++) {
                if (condition.test(now.get(i))) {
                    return now.get(i);
                }
            }
            seen = now.size();
            if (System.currentTimeMillis() > deadline) {
                fail("not within " + withinMs + " ms: " + what + "; last answers: "
                        + now.subList(Math.max(0, now.size() - 3), now.size()));
            }
            Thread.sleep(10);
        }
    }

    private static void awaitAnswerCount(Queue<Answer> answers, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (answers.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }
}
