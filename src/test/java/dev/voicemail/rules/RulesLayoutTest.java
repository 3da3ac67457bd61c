package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** Where rule files belong: a file out of place is named, every one of them, before anything compiles. */
class RulesLayoutTest {

    private static SortedMap<String, String> files(String... pathsAndTexts) {
        SortedMap<String, String> files = new TreeMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return files;
    }

    @Test
    void eachPolicyIsBuiltFromItsFileAndEveryCommonFile() throws Exception {
        RulesLayout layout = RulesLayout.of(files("common/b.drl", "B", "common/a.drl", "A", "common/deeper/c.drl", "C",
                "policies/never.drl", "N", "policies/always.drl", "Y"));
        assertEquals(List.of("common/a.drl", "common/b.drl", "common/deeper/c.drl"), List.copyOf(layout.common().keySet()));
        assertEquals(List.of("always", "never"), layout.policies().stream().map(PolicySource::name).toList());
        PolicySource never = layout.policies().get(1);
        assertEquals("policies/never.drl", never.path());
        assertEquals(List.of("common/a.drl", "common/b.drl", "common/deeper/c.drl", "policies/never.drl"),
                List.copyOf(never.files().keySet()), "the common files first, the policy's last");
        assertEquals("N", never.files().get("policies/never.drl"));
        assertEquals(RulesLayout.policyFile("never"), never.path());
    }

    @Test
    void everyFileOutOfPlaceIsNamed() {
        RulesCompileException e = assertThrows(RulesCompileException.class, () -> RulesLayout.of(files(
                "policies/ok.drl", "", "stray.drl", "", "policies/sub/nested.drl", "", "policies/-dash.drl", "",
                "policies/" + "x".repeat(65) + ".drl", "")));
        assertEquals(List.of("policies/-dash.drl", "policies/sub/nested.drl", "policies/" + "x".repeat(65) + ".drl", "stray.drl"),
                e.errors().stream().map(RuleError::file).toList(), e.getMessage());
        assertEquals("a rule file belongs under common/ or policies/", e.errors().get(3).message());
        assertEquals("a policy file is policies/<name>.drl, name of 1 to 64 of [A-Za-z0-9._-]", e.errors().get(0).message());
    }

    @Test
    void aRuleSetWithoutAPolicyIsRefused() {
        RulesCompileException e = assertThrows(RulesCompileException.class, () -> RulesLayout.of(files("common/a.drl", "A")));
        assertEquals(List.of(new RuleError("policies/", 0, 0, "no policy: add at least one policies/<name>.drl")), e.errors());
    }

    @Test
    void anEditToACommonFileChangesEveryPolicysKeyAndAnEditToAPolicyOnlyItsOwn() throws Exception {
        RulesLayout before = RulesLayout.of(files("common/a.drl", "A", "policies/p.drl", "P", "policies/q.drl", "Q"));
        RulesLayout policyEdited = RulesLayout.of(files("common/a.drl", "A", "policies/p.drl", "P2", "policies/q.drl", "Q"));
        RulesLayout commonEdited = RulesLayout.of(files("common/a.drl", "A2", "policies/p.drl", "P", "policies/q.drl", "Q"));
        assertEquals(before.policies().get(1).key(), policyEdited.policies().get(1).key());
        assertNotEquals(before.policies().get(0).key(), policyEdited.policies().get(0).key());
        for (int i = 0; i < 2; i++) {
            assertNotEquals(before.policies().get(i).key(), commonEdited.policies().get(i).key());
        }
        // the same text under another name is another policy
        RulesLayout renamed = RulesLayout.of(files("common/a.drl", "A", "policies/r.drl", "P", "policies/q.drl", "Q"));
        assertNotEquals(before.policies().get(0).key(), renamed.policies().get(1).key());
    }
}
