package dev.voicemail.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.voicemail.authoring.TempRulesProfile;

/**
 * {@code java -jar target/quarkus-app/quarkus-run.jar test <dir>} from the packaged application, as a
 * rule author runs it: no server starts and nothing is written to the working directory.
 */
class ScenarioCliIT {

    @TempDir
    Path work;

    /** The user's cache directory of the runs (compiled policies reused across runs): outside the working directory. */
    @TempDir
    Path cache;

    private record Run(int exit, String output) {
    }

    private Run run(String rulesDir) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "package the application first: " + jar);
        Path log = work.resolve("../" + work.getFileName() + ".out");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "test", rulesDir))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the test command did not finish in 120 s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(p.exitValue(), output);
    }

    @Test
    void theShippedRulesPass() throws Exception {
        Run run = run(Path.of("rules").toAbsolutePath().toString());
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().matches("(?s).*\\n\\d+ passed, 0 failed\\s*"), run.output());
        assertFalse(run.output().contains("Listening on"), "no HTTP server: " + run.output());
        try (var left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "nothing written to the working directory (no data dir)");
        }
    }

    @Test
    void aSecondRunReusesTheCompiledPoliciesAndStillPasses() throws Exception {
        Run first = run(Path.of("rules").toAbsolutePath().toString());
        assertEquals(0, first.exit(), first.output());
        try (var entries = Files.walk(cache)) {
            assertTrue(entries.anyMatch(p -> p.toString().endsWith(".kbase")), "the first run kept its compiled policies");
        }
        Run second = run(Path.of("rules").toAbsolutePath().toString());
        assertEquals(0, second.exit(), second.output());
        assertEquals(first.output().lines().filter(l -> l.startsWith("PASS")).count(),
                second.output().lines().filter(l -> l.startsWith("PASS")).count(), second.output());
    }

    @Test
    void anEditedPolicyIsCompiledAgainNotTakenFromTheCache() throws Exception {
        Path rules = work.resolve("rules");
        TempRulesProfile.copyTree(Path.of("rules"), rules);
        assertEquals(0, run("rules").exit());
        // `never` now leaves voicemails: its own scenario file must fail, whatever the cache holds
        Path never = rules.resolve("policies/never.drl");
        Files.writeString(never, Files.readString(never).replace("setAction( Action.HANG_UP )", "setAction( Action.LEAVE_VOICEMAIL )"));
        Run run = run("rules");
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("FAIL tests/never.yaml"), run.output());
    }

    @Test
    void aWrongScenarioFailsNamingIt() throws Exception {
        Path rules = work.resolve("rules");
        TempRulesProfile.copyTree(Path.of("rules"), rules);
        Files.writeString(rules.resolve("tests/wrong.yaml"), """
                policy: never
                cases:
                  - name: expects a voicemail from the never policy
                    request:
                      prospect: {id: p-1}
                      call: {at: "2026-11-23T10:35:00-06:00"}
                    expect:
                      action: LEAVE_VOICEMAIL
                """);
        Run run = run("rules");
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("FAIL tests/wrong.yaml › expects a voicemail from the never policy"), run.output());
        assertTrue(run.output().contains("1 failed"), run.output());
        assertFalse(Files.exists(work.resolve("data")), "no database created");
    }
}
