package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parameters of the playbooks, as the real DRL declares them: the defaults the issue and
 * docs/playbooks.md promise, a @doc on each, and the bounds a client's values must respect.
 */
class PlaybookParametersTest {

    private static RuleSet rules;

    @BeforeAll
    static void compile() throws Exception {
        rules = new RulesCompiler().compile(RulesDirectory.read(Path.of("rules")));
    }

    private static Map<String, Object> defaults(String policy) {
        Map<String, Object> values = new HashMap<>();
        rules.policy(policy).parameters().forEach((name, spec) -> values.put(name, spec.defaultValue()));
        return values;
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        Map<String, Object> cadence = defaults("cadence");
        assertEquals(2, cadence.get("callsBetweenVoicemails"));
        assertEquals(2, cadence.get("minDaysBetweenVoicemails"));
        assertEquals(5, cadence.get("maxVoicemails"));
        assertEquals(180, cadence.get("recycleAfterDays"));

        Map<String, Object> persistent = defaults("persistent");
        assertEquals(7, persistent.get("intervalDays"));
        assertTrue(persistent.containsKey("maxAttempts"));
        assertEquals(null, persistent.get("maxAttempts"), "no limit by default (a boxed DRL field needs `= null`, else it is 0)");
        assertEquals(180, persistent.get("recycleAfterDays"));

        Map<String, Object> multichannel = defaults("multichannel");
        assertEquals(3, multichannel.get("emailWindowDays"));
        assertEquals(48, multichannel.get("visitWindowHours"));
        assertEquals(2, multichannel.get("visitFollowUpDays"));

        for (String policy : rules.policies().keySet()) {
            Map<String, Object> common = defaults(policy);
            assertEquals(LocalTime.of(8, 0), common.get("callingHoursStart"), policy);
            assertEquals(LocalTime.of(21, 0), common.get("callingHoursEnd"), policy);
            assertEquals(30, common.get("maxSeconds"), policy);
            assertTrue(common.containsKey("callbackNumber"), policy);
            assertEquals(null, common.get("callbackNumber"), policy);
        }
    }

    @Test
    void everyParameterIsDocumented() {
        rules.policies().values().forEach(policy -> policy.parameters().values().forEach(spec -> {
            assertNotNull(spec.description(), policy.name() + "." + spec.name());
            assertFalse(spec.description().isBlank(), policy.name() + "." + spec.name());
        }));
    }

    @Test
    void boundsAreCheckedWhenAClientIsStored() {
        assertEquals(Map.of(), rules.policy("persistent").check(Map.of("maxAttempts", 76, "intervalDays", 7)));
        assertTrue(rules.policy("persistent").check(Map.of("maxAttempts", 0)).containsKey("maxAttempts"));
        assertTrue(rules.policy("cadence").check(Map.of("maxVoicemails", 0)).containsKey("maxVoicemails"));
        assertTrue(rules.policy("cadence").check(Map.of("callsBetweenVoicemails", -1)).containsKey("callsBetweenVoicemails"));
        assertEquals(Map.of(), rules.policy("cadence").check(Map.of("callingHoursStart", "09:30", "callingHoursEnd", "20:00")));
        assertEquals(Map.of(), rules.policy("cadence").check(Map.of("callingHoursEnd", "23:59")));
        for (Object bad : new Object[] {"9:30", "24:00", "20:60", "8pm", "20:00:00", "", 2000, true}) {
            assertTrue(rules.policy("cadence").check(Map.of("callingHoursEnd", bad)).containsKey("callingHoursEnd"), String.valueOf(bad));
        }
        assertEquals(Map.of(), rules.policy("always").check(Map.of("callbackNumber", "+1 (312) 555-0100")));
        assertTrue(rules.policy("always").check(Map.of("callbackNumber", "call us")).containsKey("callbackNumber"));
    }
}
