package dev.voicemail.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.voicemail.authoring.TempRulesProfile;
import dev.voicemail.rules.RulesCompiler;
import dev.voicemail.rules.RulesDirectory;

/** The rule author's {@code test} command, in process, on copies of rules/. */
class ScenarioCommandTest {

    private static final String WRONG = """
            policy: never
            cases:
              - name: a case that expects what the policy does not do
                request:
                  prospect: {id: p-1}
                  call: {at: "2026-11-23T10:35:00-06:00"}
                expect:
                  action: LEAVE_VOICEMAIL
              - name: a case that names a policy that does not exist
                policy: no-such-policy
                request:
                  prospect: {id: p-1}
                expect:
                  action: HANG_UP
            """;

    @TempDir
    Path temp;

    private record Run(int exit, String output) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = ScenarioCommand.run(List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theShippedScenariosPass() throws Exception {
        Run run = run("rules");
        assertEquals(0, run.exit(), run.output());
        int cases = 0;
        for (Path file : ScenarioRunner.files(Path.of("rules"))) {
            cases += (int) Files.readAllLines(file).stream().filter(l -> l.strip().startsWith("- name:")).count();
        }
        assertTrue(run.output().contains(cases + " passed, 0 failed"), run.output());
    }

    @Test
    void aWrongScenarioFailsNamingFileAndCase() throws Exception {
        TempRulesProfile.copyTree(Path.of("rules"), temp);
        Files.writeString(temp.resolve("tests/wrong.yaml"), WRONG);
        Run run = run(temp.toString());
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("FAIL tests/wrong.yaml › a case that expects what the policy does not do: "
                + "expected action \"LEAVE_VOICEMAIL\" but was \"HANG_UP\""), run.output());
        assertTrue(run.output().contains("FAIL tests/wrong.yaml › a case that names a policy that does not exist: "
                + "no policy 'no-such-policy'"), run.output());
        assertTrue(run.output().matches("(?s).*\\n\\d+ passed, 2 failed\\s*"), run.output());
    }

    @Test
    void theRunnerReportsTheFailureItself() throws Exception {
        TempRulesProfile.copyTree(Path.of("rules"), temp);
        Path wrong = temp.resolve("tests/wrong.yaml");
        Files.writeString(wrong, WRONG);
        List<ScenarioResult> results = new ScenarioRunner()
                .run(new RulesCompiler().compile(RulesDirectory.read(temp)), temp, wrong);
        assertEquals(2, results.size());
        assertFalse(results.get(0).passed());
        assertEquals("tests/wrong.yaml › a case that expects what the policy does not do", results.get(0).title());
        assertTrue(results.get(0).failure().contains("\"action\":\"HANG_UP\""), results.get(0).failure());
    }

    @Test
    void rulesThatDoNotCompileExitWithTheErrors() throws Exception {
        TempRulesProfile.copyTree(Path.of("rules"), temp);
        Files.writeString(temp.resolve("policies/broken.drl"), """
                package policies.broken;
                declare BrokenPolicy
                    @policy("Broken on purpose.")
                end
                rule "no explanation"
                when
                then
                end
                """);
        Run run = run(temp.toString());
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("policies/broken.drl:5: rule \"no explanation\" has no @explanation"), run.output());
        assertFalse(run.output().contains("passed"), run.output());
    }

    @Test
    void misuseExitsWithUsage() {
        assertEquals(2, run("a", "b").exit());
        assertEquals(2, run(temp.resolve("missing").toString()).exit());
        Run empty = run(temp.toString()); // no rules in it
        assertEquals(2, empty.exit(), empty.output());
    }
}
