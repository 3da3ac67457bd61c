package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * A policy declares itself in DRL: one {@code @policy} type whose fields are its parameters, plus the
 * shared {@code @parameters} types of the common files. Mistakes there are named, with the policy's file.
 */
class PolicyDeclarationsTest {

    private static final String RULE = """
            rule "tiny hangs up"
                @explanation("Tiny hangs up.")
                agenda-group "policy" activation-group "decision"
            when
                $decision : Decision()
            then
                modify( $decision ) { setAction( Action.HANG_UP ) }
            end
            """;

    /** A policy file of {@code declarations} and one rule. */
    private static String policy(String name, String declarations) {
        return "package policies." + name.replace('-', '_') + ";\n\nimport java.time.LocalTime;\n"
                + "import dev.voicemail.facts.Action;\nimport dev.voicemail.facts.Decision;\n\n" + declarations + "\n" + RULE;
    }

    private static List<RuleError> errors(SortedMap<String, String> files) {
        return assertThrows(RulesCompileException.class, () -> new RulesCompiler().compile(files)).errors();
    }

    @Test
    void thePolicyTypeDescribesThePolicyAndItsFieldsAreItsParameters() throws Exception {
        SortedMap<String, String> files = new TreeMap<>();
        files.put("common/shared.drl", """
                package common;
                import java.time.LocalTime;
                declare SharedHours
                    @parameters
                    opensAt : LocalTime = LocalTime.of( 9, 0 ) @doc("When the office opens.")
                end
                """);
        files.put("policies/tiny.drl", policy("tiny", """
                declare TinyPolicy
                    @policy("Hangs up, with a \\"quoted\\" word.")
                    waitDays : int = 3 @doc("Days to wait.")
                end
                """));
        PolicyRules tiny = new RulesCompiler().compile(files).policy("tiny");
        assertEquals("Hangs up, with a \"quoted\" word.", tiny.description());
        assertEquals("policies/tiny.drl", tiny.file());
        assertEquals(List.of("opensAt", "waitDays"), List.copyOf(new TreeMap<>(tiny.parameters()).keySet()));
        ParameterSpec waitDays = tiny.parameters().get("waitDays");
        assertEquals(3, waitDays.defaultValue());
        assertEquals("Days to wait.", waitDays.description());
        assertEquals("09:00", tiny.parameters().get("opensAt").jsonDefault());
    }

    @Test
    void aPolicyWithoutAPolicyTypeIsToldWhichTypeToDeclare() {
        List<RuleError> errors = errors(new TreeMap<>(java.util.Map.of("policies/only-after-contact.drl",
                policy("only-after-contact", ""))));
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("policies/only-after-contact.drl", errors.get(0).file());
        assertTrue(errors.get(0).message().contains("declares no policy type: add `declare OnlyAfterContactPolicy"),
                errors.get(0).message());
    }

    @Test
    void twoPolicyTypesAreOneTooMany() {
        List<RuleError> errors = errors(new TreeMap<>(java.util.Map.of("policies/twice.drl", policy("twice", """
                declare TwicePolicy @policy("One.") end
                declare AgainPolicy @policy("Two.") end
                """))));
        assertEquals(List.of(new RuleError("policies/twice.drl", 0, 0, "policy 'twice' declares 2 types with @policy; one is allowed")),
                errors);
    }

    @Test
    void aParameterOfAnotherTypeOrDeclaredTwiceIsNamed() {
        SortedMap<String, String> files = new TreeMap<>();
        files.put("common/shared.drl", """
                package common;
                declare Shared
                    @parameters
                    waitDays : int = 1
                end
                """);
        files.put("policies/odd.drl", policy("odd", """
                declare OddPolicy
                    @policy("Odd parameters.")
                    waitDays : int = 3
                    startsOn : java.time.LocalDate
                end
                """));
        List<RuleError> errors = errors(files);
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.stream().allMatch(e -> e.file().equals("policies/odd.drl")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.message().startsWith("parameter OddPolicy.startsOn has type LocalDate;")),
                errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.message().matches("parameter waitDays is declared by both \\S+ and \\S+")),
                errors.toString());
    }
}
