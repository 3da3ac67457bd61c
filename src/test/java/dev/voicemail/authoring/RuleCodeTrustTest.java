package dev.voicemail.authoring;

import static dev.voicemail.testing.Api.api;
import static dev.voicemail.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;
import dev.voicemail.rules.RuleError;
import dev.voicemail.rules.RulesReloader;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Rule code from the network or the rules directory cannot reach the host, cannot stall reloading,
 * and each caller of reload gets its own answer (issue 10, findings 2 to 4).
 */
@QuarkusTest
@TestProfile(TempRulesProfile.NotWatching.class)
class RuleCodeTrustTest {

    private final Path rules = Path.of(ConfigProvider.getConfig().getValue("voicemail.rules.dir", String.class));
    private final int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);

    /** A policy whose one rule runs {@code then}; the rule's line is 9. */
    static String policy(String name, String then) {
        return """
                package policies.%s;
                import dev.voicemail.facts.Decision;

                declare %sPolicy
                    @policy("submitted")
                end


                rule "%s rule"
                    @explanation("submitted")
                    agenda-group "policy" activation-group "decision"
                when
                    $decision : Decision()
                then
                    %s
                    modify( $decision ) { setAction( dev.voicemail.facts.Action.HANG_UP ) }
                end
                """.formatted(name, Character.toUpperCase(name.charAt(0)) + name.substring(1), name, then);
    }

    private static JsonPath validate(String path, String drl) {
        return api().body(Map.of("files", Map.of(path, drl))).post("/v1/rules/validate")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aConsequenceThatWritesAFileIsACompileErrorAndNothingRuns() throws Exception {
        Path written = Files.createTempDirectory("vm-trust").resolve("written");
        JsonPath answer = validate("policies/writer.drl", policy("writer",
                "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + written + "\"), \"owned\");"));
        assertFalse(answer.getBoolean("valid"));
        assertEquals("policies/writer.drl", answer.getString("errors[0].file"));
        assertEquals(9, answer.getInt("errors[0].line"));
        assertTrue(answer.getString("errors[0].message").contains("java.nio.file"), answer.prettify());
        assertFalse(Files.exists(written), "the consequence ran");
    }

    /**
     * A condition is interpreted by MVEL, not compiled to bytecode: a type it reaches through an
     * import (or a function imported from the JDK) must be refused as a consequence's would be, before
     * any trial decision evaluates it.
     */
    @Test
    void aConditionThatWritesAFileThroughAnImportIsACompileErrorAndNothingRuns() throws Exception {
        Path written = Files.createTempDirectory("vm-trust").resolve("written");
        String drl = """
                package policies.condition;
                import dev.voicemail.facts.Decision;
                import java.nio.file.Files;
                import java.nio.file.Path;
                declare ConditionPolicy
                    @policy("submitted")
                end

                rule "condition rule"
                    @explanation("submitted")
                    agenda-group "policy" activation-group "decision"
                when
                    $decision : Decision( Files.writeString(Path.of("%s"), "owned") != null )
                then
                    modify( $decision ) { setAction( dev.voicemail.facts.Action.HANG_UP ) }
                end
                """.formatted(written);
        JsonPath answer = validate("policies/condition.drl", drl);
        assertFalse(answer.getBoolean("valid"), answer.prettify());
        assertEquals("policies/condition.drl", answer.getString("errors[0].file"));
        assertEquals(9, answer.getInt("errors[0].line"));
        assertTrue(answer.getString("errors[0].message").contains("java.nio.file.Files"), answer.prettify());
        assertFalse(Files.exists(written), "the condition ran");

        JsonPath function = validate("policies/condition.drl", drl.replace("import java.nio.file.Files;",
                "import function java.lang.System.getenv;").replace("Files.writeString(Path.of(\"" + written + "\"), \"owned\")",
                "getenv(\"PATH\")"));
        assertFalse(function.getBoolean("valid"), function.prettify());
        assertEquals(3, function.getInt("errors[0].line"));
        assertTrue(function.getString("errors[0].message").contains("import function java.lang.System.getenv"), function.prettify());
    }

    @Test
    void theEnvironmentIsNotEchoed() {
        String key = Api.KEY;
        JsonPath answer = validate("policies/leak.drl", policy("leak",
                "if (true) throw new IllegalStateException(System.getenv(\"PATH\") + System.getProperty(\"user.home\")"
                        + " + Runtime.getRuntime().availableProcessors());"));
        assertFalse(answer.getBoolean("valid"));
        assertTrue(answer.getString("errors[0].message").contains("java.lang.System"), answer.prettify());
        assertFalse(answer.prettify().contains(System.getenv("PATH")), "the environment was echoed");
        assertFalse(answer.prettify().contains(System.getProperty("user.home") + "\""), answer.prettify());
        assertFalse(answer.prettify().contains(key));
    }

    @Test
    void reflectionAndBuiltClassNamesAreRefused() {
        JsonPath answer = validate("policies/reflect.drl", policy("reflect",
                "Object r = Class.forName(\"java.lang.\" + \"Run\" + \"time\").getMethod(\"getRuntime\").invoke(null);"));
        assertFalse(answer.getBoolean("valid"));
        assertEquals(9, answer.getInt("errors[0].line"));
        JsonPath loader = validate("policies/loader.drl", policy("loader",
                "Object l = $decision.getClass().getClassLoader();"));
        assertFalse(loader.getBoolean("valid"));
        assertTrue(loader.getString("errors[0].message").contains("getClass"), loader.prettify());
    }

    @Test
    void aFileDroppedInTheRulesDirectoryIsNotLoaded() throws Exception {
        String before = given().get("/v1/rules").jsonPath().getString("version");
        Path dropped = rules.resolve("policies/dropped.drl");
        Files.writeString(dropped, policy("dropped", "Runtime.getRuntime().halt(42);"));
        try {
            given().post("/v1/rules/reload").then().statusCode(422)
                    .body("errors.file", hasItem("policies/dropped.drl"))
                    .body("errors.line", hasItem(9));
            given().get("/v1/rules").then().statusCode(200)
                    .body("version", equalTo(before))
                    .body("policies", not(hasItem("dropped")))
                    .body("lastError.errors[0].file", equalTo("policies/dropped.drl"))
                    .body("lastError.errors[0].line", equalTo(9))
                    .body("lastError.errors[0].message", containsString("java.lang.Runtime"));
            Api.putClient("trust-still-decides", "always", "America/Chicago");
            api().body("{\"clientId\": \"trust-still-decides\", \"prospect\": {\"id\": \"p-1\"},"
                    + " \"call\": {\"at\": \"2026-11-23T10:35:00-06:00\", \"remainingAttemptsToday\": 0}}")
                    .post("/v1/decisions").then().statusCode(200).body("rulesVersion", equalTo(before));
        } finally {
            Files.delete(dropped);
            given().post("/v1/rules/reload").then().statusCode(200);
        }
    }

    /**
     * A loop behind a condition that only an ordinary pursuit meets (outbound calls on earlier days, the
     * day's last attempt, in calling hours): the trials once ended every history with attempts at a
     * guard, so such a rule passed validation and would have hung real decisions.
     */
    @Test
    void aRuleThatLoopsOnlyOnAnOrdinaryHistoryIsStoppedToo() {
        for (String condition : List.of("exists Attempt( channel == Channel.CALL, direction == Direction.OUTBOUND )",
                "exists Attempt( outcome == Outcome.NO_ANSWER )")) {
            String drl = policy("ordinary", "while ($decision != null) { }")
                    .replace("import dev.voicemail.facts.Decision;", "import dev.voicemail.facts.*;")
                    .replace("when\n    $decision : Decision()", "when\n    " + condition + "\n    $decision : Decision()");
            assertTrue(drl.contains(condition), drl);
            JsonPath answer = validate("policies/ordinary.drl", drl);
            assertFalse(answer.getBoolean("valid"), condition + ": " + answer.prettify());
            assertTrue(answer.getString("errors[0].message").contains("\"ordinary rule\" ran longer than"), answer.prettify());
        }
    }

    @Test
    void aRuleThatNeverEndsIsStoppedAndNamedAndReloadingGoesOn() {
        long started = System.nanoTime();
        JsonPath answer = validate("policies/forever.drl", policy("forever", "while ($decision != null) { }"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertFalse(answer.getBoolean("valid"));
        assertEquals("policies/forever.drl", answer.getString("errors[0].file"), answer.prettify());
        assertTrue(answer.getString("errors[0].message").contains("\"forever rule\" ran longer than"), answer.prettify());
        // 5 s of the trial thread's CPU: a few seconds on a quiet machine, longer on a busy one, and
        // never past the wall-time backstop (60 s)
        assertTrue(millis < 65_000, "refused after " + millis + " ms");
        // the reload thread is free again: a normal validation and a reload answer as usual
        assertTrue(validate("policies/fine.drl", policy("fine", "")).getBoolean("valid"));
        given().post("/v1/rules/reload").then().statusCode(200);
    }

    @Test
    void aRuleThatAllocatesWithoutEndIsStopped() {
        JsonPath answer = validate("policies/hog.drl", policy("hog",
                "java.util.List<long[]> hoard = new java.util.ArrayList<>(); while ($decision != null) { hoard.add(new long[4096]); }"));
        assertFalse(answer.getBoolean("valid"));
        assertTrue(answer.getString("errors[0].message").contains("\"hog rule\""), answer.prettify());
        assertTrue(validate("policies/fine.drl", policy("fine", "")).getBoolean("valid"));
    }

    @Test
    void eachReloadCallerGetsItsOwnAnswerWhenAnotherDisconnects() throws Exception {
        // keep the reload thread busy (a runaway validation, stopped by the budget) so that the reloads queue up together
        CompletableFuture<JsonPath> busy = CompletableFuture.supplyAsync(
                () -> validate("policies/busy.drl", policy("busy", "while ($decision != null) { }")));
        Thread.sleep(500);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest reload = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/rules/reload"))
                .header("Authorization", "Bearer " + Api.KEY).timeout(Duration.ofSeconds(40))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        List<CompletableFuture<HttpResponse<String>>> callers = new ArrayList<>();
        callers.add(http.sendAsync(reload, HttpResponse.BodyHandlers.ofString()));
        Thread.sleep(200);
        try (Socket gone = new Socket("localhost", port)) { // a caller that asks and hangs up
            OutputStream out = gone.getOutputStream();
            out.write(("POST /v1/rules/reload HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Api.KEY
                    + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
        }
        for (int i = 0; i < 3; i++) {
            callers.add(http.sendAsync(reload, HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> caller : callers) {
            HttpResponse<String> response = caller.get();
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("\"version\""), response.body());
        }
        assertFalse(busy.get().getBoolean("valid"));
    }

    @Inject
    RulesReloader reloader;

    /** What a disconnecting HTTP caller does to its future (Mutiny cancels the stage it waits on), without timing luck. */
    @Test
    void aCallerThatCancelsDoesNotCancelTheOthers() throws Exception {
        CompletableFuture<List<RuleError>> busy = reloader.validate(Map.of("policies/busy2.drl",
                policy("busy2", "while ($decision != null) { }"))).orElseThrow();
        CompletableFuture<RulesReloader.Result> first = reloader.requestReload();
        CompletableFuture<RulesReloader.Result> second = reloader.requestReload();
        first.cancel(false);
        RulesReloader.Result result = second.get(40, TimeUnit.SECONDS);
        assertTrue(result.loaded(), result.errors().toString());
        assertFalse(busy.get().isEmpty());
    }
}
