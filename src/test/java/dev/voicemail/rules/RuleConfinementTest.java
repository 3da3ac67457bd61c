package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Rule code is confined to the allow-list: checked on what Drools compiled, for every way of reaching out. */
class RuleConfinementTest {

    @Test
    void everyShippedRuleCompiles() throws Exception {
        var files = RulesCompiler.readDirectory(Path.of("rules"));
        assertDoesNotThrow(() -> new RulesCompiler().compile(files));
    }
}
