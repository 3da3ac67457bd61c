package dev.voicemail.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.voicemail.rules.RulesConfig;

/** What the packaged application's main reads before Quarkus starts: the same mappings, the same defaults. */
class EarlyConfigTest {

    @Test
    void theRulesSettingsAreReadThroughTheirMappingWithItsDefaults() {
        RulesConfig rules = EarlyConfig.mapping(RulesConfig.class);
        assertEquals(Path.of("rules"), rules.dir());
        assertEquals(Duration.ofSeconds(5), rules.trialBudget());
        assertEquals(64, rules.trialAllocationMb());
        assertTrue(rules.preload());
        // the shipped application.properties puts the cache under the data directory, made absolute
        Path cache = rules.cacheDir().orElseThrow();
        assertTrue(cache.isAbsolute() && cache.endsWith("rules-cache"), cache.toString());
    }

    @Test
    void aSystemPropertyWins() {
        System.setProperty("voicemail.rules.dir", "elsewhere/rules");
        System.setProperty("voicemail.data.dir", "elsewhere/data");
        try {
            assertEquals(Path.of("elsewhere/rules"), EarlyConfig.mapping(RulesConfig.class).dir());
            assertEquals(Path.of("elsewhere/data").toAbsolutePath().normalize().toString(), EarlyConfig.value("voicemail.data.path"));
            assertEquals(Path.of("elsewhere/data/rules-cache").toAbsolutePath().normalize(),
                    EarlyConfig.mapping(RulesConfig.class).cacheDir().orElseThrow().normalize());
        } finally {
            System.clearProperty("voicemail.rules.dir");
            System.clearProperty("voicemail.data.dir");
        }
    }
}
