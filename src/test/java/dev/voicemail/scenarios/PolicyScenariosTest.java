package dev.voicemail.scenarios;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.voicemail.rules.RuleSet;
import dev.voicemail.rules.RulesCompiler;
import dev.voicemail.rules.RulesDirectory;

/** Every case of every scenario file in rules/tests, against the real rules, as its own test. */
class PolicyScenariosTest {

    private static final Path RULES = Path.of("rules");

    @TestFactory
    Stream<DynamicNode> scenarios() throws Exception {
        RuleSet rules = new RulesCompiler().compile(RulesDirectory.read(RULES));
        ScenarioRunner runner = new ScenarioRunner();
        List<Path> files = ScenarioRunner.files(RULES);
        assertFalse(files.isEmpty(), "no scenario files in rules/tests");
        return files.stream().map(file -> DynamicContainer.dynamicContainer(
                RULES.relativize(file).toString(),
                runner.run(rules, RULES, file).stream().map(result -> DynamicTest.dynamicTest(result.name(), () -> {
                    if (!result.passed()) {
                        fail(result.title() + ": " + result.failure());
                    }
                }))));
    }
}
