package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;

/**
 * A rule author's mistake is reported where it is: one error, in the file they edited, on the line
 * they got wrong; not in the common files they did not touch.
 */
class RuleErrorPositionsTest {

    private static SortedMap<String, String> shipped() throws Exception {
        return RulesDirectory.read(Path.of("rules"));
    }

    private static int lineOf(String text, String snippet) {
        int at = text.indexOf(snippet);
        assertTrue(at >= 0, snippet);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static List<RuleError> errors(SortedMap<String, String> files) {
        return assertThrows(RulesCompileException.class, () -> new RulesCompiler().compile(files)).errors();
    }

    @Test
    void aTypoInAPatternNamesTheOneFileAndItsLine() throws Exception {
        SortedMap<String, String> files = shipped();
        String cadence = files.get("policies/cadence.drl");
        String typo = cadence.replace("Voicemails( start == $start, count > 0, $lastDay : lastDay )",
                "Voicemails( start == $start, count > 0, $lastDay : lastDya )");
        files.put("policies/cadence.drl", typo);
        List<RuleError> errors = errors(files);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("policies/cadence.drl", errors.get(0).file());
        assertEquals(lineOf(typo, "lastDya"), errors.get(0).line(), errors.toString());
    }

    @Test
    void aSyntaxErrorNamesTheOneFileAndItsLine() throws Exception {
        SortedMap<String, String> files = shipped();
        String always = files.get("policies/always.drl");
        String broken = always.replace("$decision : Decision()", "$decision : Decision( action == )");
        files.put("policies/always.drl", broken);
        List<RuleError> errors = errors(files);
        assertTrue(errors.stream().allMatch(e -> e.file().equals("policies/always.drl")), errors.toString());
        assertEquals(lineOf(broken, "Decision( action == )"), errors.get(0).line(), errors.toString());
    }

    @Test
    void aMissingExplanationNamesTheRulesLine() throws Exception {
        SortedMap<String, String> files = shipped();
        String never = files.get("policies/never.drl");
        String silent = never.replace("    @explanation(\"This client asked for no voicemails at all, so the rep hangs up.\")\n", "");
        files.put("policies/never.drl", silent);
        List<RuleError> errors = errors(files);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("policies/never.drl", errors.get(0).file());
        assertEquals(lineOf(silent, "rule \"never leave a voicemail\""), errors.get(0).line());
        assertTrue(errors.get(0).message().contains("has no @explanation"), errors.get(0).message());
    }

    @Test
    void aRuleOutsideThePhasesAndAnUnknownPlaceholderAreErrors() throws Exception {
        SortedMap<String, String> files = shipped();
        String never = files.get("policies/never.drl");
        String stray = never.replace("    agenda-group \"policy\" activation-group \"decision\"\n", "")
                .replace("This client asked for no voicemails at all", "This client asked for {$none} voicemails");
        files.put("policies/never.drl", stray);
        List<RuleError> errors = errors(files);
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).message().contains("is in no phase"), errors.toString());
        assertTrue(errors.get(1).message().contains("{$none}"), errors.toString());
        assertEquals(lineOf(stray, "rule \"never leave a voicemail\""), errors.get(0).line());
    }

    @Test
    void everyRuleWithAProblemIsNamedAtItsOwnLineInALargePolicy() throws Exception {
        SortedMap<String, String> files = shipped();
        StringBuilder drl = new StringBuilder("package policies.many;\n\nimport dev.voicemail.facts.Decision;\n\n"
                + "declare ManyPolicy\n    @policy(\"Many rules, half of them without an explanation.\")\nend\n\n");
        for (int i = 0; i < 200; i++) {
            // every other rule lacks its explanation; quotes of both kinds, and names a pattern would misread
            String name = i % 3 == 0 ? "'rule (" + i + ") [a+b]*'" : "\"rule " + i + ": it's $1 .* (x)?\"";
            drl.append("rule ").append(name).append('\n');
            if (i % 2 == 1) {
                drl.append("    @explanation(\"Rule ").append(i).append(" fires.\")\n");
            }
            drl.append("    agenda-group \"policy\" activation-group \"decision\"\n")
                    .append("when\n    $decision : Decision()\nthen\nend\n\n");
        }
        String text = drl.toString();
        files.put("policies/many.drl", text);
        List<RuleError> errors = errors(files);
        assertEquals(100, errors.size(), errors.toString());
        for (RuleError e : errors) {
            assertEquals("policies/many.drl", e.file());
            String name = e.message().substring("rule \"".length(), e.message().indexOf("\" has no @explanation"));
            int i = Integer.parseInt(name.replaceAll("\\D*(\\d+).*", "$1"));
            String header = i % 3 == 0 ? "rule 'rule (" + i + ") [a+b]*'" : "rule \"rule " + i + ":";
            assertEquals(lineOf(text, header + (i % 3 == 0 ? "" : " it's")), e.line(), e.toString());
        }
    }

    @Test
    void ruleLinesFindsEachHeaderOnce() {
        String drl = "package p;\n\nrule \"a\"\nwhen\nthen\nend\n  rule 'b \"c\"'\nwhen\nthen\nend\n// rule \"d\"\nrule \"a\"\nend\n";
        var lines = ErrorPositions.ruleLines(drl);
        assertEquals(3, lines.get("a"), "the first header of a repeated name");
        assertEquals(7, lines.get("b \"c\""), "a single-quoted name may hold double quotes");
        assertEquals(null, lines.get("d"), "a header in a comment is not at the start of a line");
        assertEquals(2, lines.size());
    }
}
