package dev.voicemail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.voicemail.authoring.TempRulesProfile;

/** The packaged jar's commands, run as a person or a CI job runs them: help, validate, unknown words. */
class CommandLineIT {

    @TempDir
    Path work;

    private record Run(int exit, String output) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "package the application first: " + jar);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("cli", ".out");
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("'" + String.join(" ", args) + "' did not exit in 60 s (a server started?): "
                    + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(p.exitValue(), output);
    }

    private void nothingWritten() throws IOException {
        try (var left = Files.list(work)) {
            assertEquals(List.of(), left.filter(f -> !f.getFileName().toString().equals("rules")).toList(),
                    "nothing written to the working directory (no data directory, no H2 lock)");
        }
    }

    @Test
    void helpPrintsTheCommandsAndStartsNothing() throws Exception {
        for (String help : List.of("help", "--help", "-h")) {
            Run run = run(help);
            assertEquals(0, run.exit(), run.output());
            for (String command : List.of("serve", "test [rules-dir]", "validate [rules-dir]", "help")) {
                assertTrue(run.output().contains(command), help + " names " + command + ": " + run.output());
            }
            assertFalse(run.output().contains("Listening on"), run.output());
            assertFalse(run.output().contains("Exception"), run.output());
        }
        nothingWritten();
    }

    @Test
    void anUnknownCommandIsAUsageErrorNotAServer() throws Exception {
        Run run = run("--hlep");
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("unknown command '--hlep'"), run.output());
        assertTrue(run.output().contains("commands:"), run.output());
        nothingWritten();
    }

    @Test
    void validateAcceptsTheShippedRules() throws Exception {
        Run run = run("validate", Path.of("rules").toAbsolutePath().toString());
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().startsWith("valid: "), run.output());
        assertTrue(run.output().contains("cadence"), run.output());
        nothingWritten();
    }

    @Test
    void validatePrintsEachErrorWithFileLineAndColumn() throws Exception {
        Path rules = work.resolve("rules");
        TempRulesProfile.copyTree(Path.of("rules"), rules);
        Files.writeString(rules.resolve("policies/broken.drl"), """
                package policies.broken;

                import dev.voicemail.facts.Decision;

                rule "half written"
                    @explanation("never compiles")
                    agenda-group "policy" activation-group "decision"
                when
                    $decision : Decision(
                then
                    modify( $decision ) { setAction( dev.voicemail.facts.Action.HANG_UP ) }
                end
                """);
        Files.writeString(rules.resolve("policies/unexplained.drl"), """
                package policies.unexplained;

                import dev.voicemail.facts.Decision;

                declare UnexplainedPolicy
                    @policy("a rule without its explanation")
                end

                rule "no explanation"
                    agenda-group "policy" activation-group "decision"
                when
                    $decision : Decision()
                then
                    modify( $decision ) { setAction( dev.voicemail.facts.Action.HANG_UP ) }
                end
                """);
        Run run = run("validate", "rules");
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().lines().anyMatch(l -> l.matches("rules/policies/broken\\.drl:\\d+:\\d+: .+")), run.output());
        assertTrue(run.output().lines().anyMatch(l -> l.startsWith("rules/policies/unexplained.drl:")
                && l.contains("explanation")), run.output());
        assertTrue(run.output().lines().anyMatch(l -> l.matches("\\d+ errors? in rules")), run.output());
    }

    @Test
    void validateWithoutADirectoryIsAUsageError() throws Exception {
        Run run = run("validate", "no-such-dir");
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("no rules directory"), run.output());
        assertEquals(2, run("validate", "a", "b").exit());
    }

    /**
     * scripts/rules.sh, the documented way to run the author's commands (JVM options for a short run,
     * class-data sharing): the same exit statuses, and standard output holds the command's lines only,
     * also on the first run, which writes the class archive next to the jar.
     */
    @Test
    void theRuleAuthorsScriptRunsTheCommandsWithNothingElseOnItsOutput() throws Exception {
        Path app = work.resolve("app");
        Path built = Path.of(System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath().getParent();
        TempRulesProfile.copyTree(built, app);
        try (var archives = Files.list(app)) { // start without any class-data sharing archive
            for (Path archive : archives.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList()) {
                Files.delete(archive);
            }
        }
        Path rules = Path.of("rules").toAbsolutePath();
        for (int round = 1; round <= 2; round++) {
            Run test = script(app, "test", rules.toString());
            assertEquals(0, test.exit(), test.output());
            List<String> lines = test.output().lines().toList();
            assertTrue(lines.get(lines.size() - 1).matches("\\d+ passed, 0 failed"), test.output());
            for (String line : lines) {
                assertTrue(line.startsWith("PASS ") || line.startsWith("Rules ") || line.matches("\\d+ passed, 0 failed"),
                        "round " + round + ", a line that is not the command's: " + line);
            }
            assertTrue(Files.isRegularFile(app.resolve("cli-cds.jsa")), "the first run writes the class archive");
        }
        Run valid = script(app, "validate", rules.toString());
        assertEquals(0, valid.exit(), valid.output());
        assertEquals(2, script(app, "validate", work.resolve("none").toString()).exit());
    }

    private Run script(Path app, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", Path.of("scripts/rules.sh").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("rules-sh", ".out");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("APP_JAR", app.resolve("quarkus-run.jar").toString());
        builder.environment().put("XDG_CACHE_HOME", work.resolve("cache").toString());
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("scripts/rules.sh " + String.join(" ", args) + " did not exit in 120 s");
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Run(p.exitValue(), output);
    }
}
