package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** A compiler keeps what it built in memory: a reload after an edit rebuilds only what the edit touches. */
class BuiltPoliciesTest {

    private static SortedMap<String, String> files(String firstVersion, String commonText) {
        SortedMap<String, String> files = new TreeMap<>();
        files.put("common/note.drl", commonText);
        files.put("policies/first.drl", PolicyRulesFixture.hangsUp("first", firstVersion));
        files.put("policies/second.drl", PolicyRulesFixture.hangsUp("second", "v1"));
        return files;
    }

    @Test
    void onlyWhatAnEditTouchesIsBuiltAgain() throws Exception {
        RulesCompiler compiler = new RulesCompiler();
        RuleSet v1 = compiler.compile(files("v1", "package common;\n"));
        assertEquals(2, compiler.compiledCount());

        RuleSet same = compiler.compile(files("v1", "package common;\n"));
        assertEquals(2, compiler.compiledCount(), "unchanged files build nothing");
        assertSame(v1.policy("first"), same.policy("first"));

        RuleSet firstEdited = compiler.compile(files("v2", "package common;\n"));
        assertEquals(3, compiler.compiledCount(), "an edited policy file builds that policy only");
        assertNotSame(v1.policy("first"), firstEdited.policy("first"));
        assertSame(v1.policy("second"), firstEdited.policy("second"));

        compiler.compile(files("v2", "package common;\n// edited\n"));
        assertEquals(5, compiler.compiledCount(), "a common file is an input of every policy");
    }

    @Test
    void manyCommonEditsKeepOneRuleSetInMemory() throws Exception {
        RulesCompiler compiler = new RulesCompiler();
        for (int edit = 0; edit < 10; edit++) { // each edit makes every policy new
            compiler.compile(files("v1", "package common;\n// edit " + edit + "\n"));
            assertEquals(2, compiler.keptCount(), "after edit " + edit + ": the older versions are forgotten");
        }
        assertEquals(20, compiler.compiledCount());
    }

    @Test
    void aCandidateNeverDisplacesThePoliciesOfTheSetThatDecides() throws Exception {
        RulesCompiler compiler = new RulesCompiler();
        RuleSet deciding = compiler.compile(files("v1", "package common;\n"));
        RuleSet candidate = compiler.compileCandidate(files("v2", "package common;\n"));
        assertEquals(3, compiler.compiledCount(), "the candidate builds its edited policy only");
        assertSame(deciding.policy("second"), candidate.policy("second"));
        compiler.compileCandidate(files("v3", "package common;\n// edited\n"));

        RuleSet again = compiler.compile(files("v1", "package common;\n"));
        assertEquals(5, compiler.compiledCount(), "candidates kept nothing and displaced nothing: the set that decides builds nothing");
        assertSame(deciding.policy("first"), again.policy("first"));
        compiler.compile(files("v2", "package common;\n"));
        assertEquals(6, compiler.compiledCount(), "the candidate's build was not kept");
    }
}
