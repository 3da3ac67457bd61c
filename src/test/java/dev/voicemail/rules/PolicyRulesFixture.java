package dev.voicemail.rules;

import java.util.SortedMap;
import java.util.TreeMap;

/** Small policies compiled for real, for tests that need a rule set but not the shipped rules. */
final class PolicyRulesFixture {

    private static PolicyRules always;

    private PolicyRulesFixture() {
    }

    /** A policy file named {@code name} that always hangs up, with {@code marker} in a comment (to tell two versions apart). */
    static String hangsUp(String name, String marker) {
        String type = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Policy";
        return """
                package policies.%s;
                // %s
                import dev.voicemail.facts.Action;
                import dev.voicemail.facts.Decision;

                declare %s
                    @policy("Always hangs up.")
                end

                rule "%s hangs up"
                    @explanation("This policy always hangs up.")
                    agenda-group "policy" activation-group "decision"
                when
                    $decision : Decision()
                then
                    modify( $decision ) { setAction( Action.HANG_UP ) }
                end
                """.formatted(name, marker, type, name);
    }

    /** A compiled policy named {@code always}. */
    static synchronized PolicyRules alwaysPolicy() {
        if (always == null) {
            SortedMap<String, String> files = new TreeMap<>();
            files.put("policies/always.drl", hangsUp("always", "v1"));
            try {
                always = new RulesCompiler().compile(files).policy("always");
            } catch (RulesCompileException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return always;
    }
}
