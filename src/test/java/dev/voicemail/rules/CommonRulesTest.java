package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;

import dev.voicemail.decision.DecisionResponse;

/**
 * Policies compiled onto the common files compiled once ({@link CommonRules}), on the real rules/: they
 * decide exactly as policies built whole do, each has its own copy of the common rules and classes, and a
 * policy file that would change the common packages, or that does not compile, is built whole instead.
 */
class CommonRulesTest {

    private static final int DECISIONS_PER_POLICY = 300;
    private static SortedMap<String, String> files;
    private static RulesLayout layout;

    @BeforeAll
    static void read() throws Exception {
        files = RulesDirectory.read(Path.of("rules"));
        layout = RulesLayout.of(files);
    }

    private static PolicyRules described(PolicySource source, KieBase base) {
        Set<RuleError> errors = new LinkedHashSet<>();
        errors.addAll(RuleCodeConfinement.check(base, source.files()));
        ExplanationChecks.check(base, source.files(), errors);
        PolicyRules rules = PolicyDeclarations.read(source.name(), source.path(), base, errors);
        assertEquals(Set.of(), errors, source.name());
        return rules;
    }

    private static RuleSet ruleSet(Map<String, PolicyRules> policies) {
        return new RuleSet(RulesDirectory.digest(files), Instant.now(), List.copyOf(files.keySet()), Map.copyOf(policies));
    }

    @Test
    void everyShippedPolicyCompiledOntoTheCommonFilesDecidesAsWhenBuiltWhole() throws Exception {
        CommonRules common = new CommonRules();
        PolicyBuilder builder = new PolicyBuilder();
        Map<String, PolicyRules> onCommon = new LinkedHashMap<>();
        Map<String, PolicyRules> whole = new LinkedHashMap<>();
        for (PolicySource source : layout.policies()) {
            KieBase base = common.build(source);
            assertNotNull(base, source.name() + " takes the fast path");
            onCommon.put(source.name(), described(source, base));
            whole.put(source.name(), described(source, builder.buildWhole(source)));
            assertEquals(rules(whole.get(source.name()).kieBase()), rules(base), source.name() + ": the same rules");
        }
        assertEquals(6, onCommon.size());
        List<DecisionResponse> expected = TrialInputs.answers(ruleSet(whole), DECISIONS_PER_POLICY);
        assertEquals(6 * 2 * DECISIONS_PER_POLICY, expected.size());
        assertEquals(expected, TrialInputs.answers(ruleSet(onCommon), DECISIONS_PER_POLICY));
        // the checks a loaded rule set passes, on the rules built the fast way
        assertTrue(TrialDecisions.run(ruleSet(onCommon), 24).isEmpty());
    }

    private static Set<String> rules(KieBase base) {
        Set<String> names = new TreeSet<>();
        base.getKiePackages().forEach(p -> p.getRules().forEach(r -> names.add(p.getName() + ": " + r.getName())));
        return names;
    }

    @Test
    void eachPolicyHasItsOwnCopyOfTheCommonRulesAndClasses() throws Exception {
        CommonRules common = new CommonRules();
        PolicySource cadence = source("cadence");
        InternalKnowledgeBase one = common.build(cadence);
        InternalKnowledgeBase two = common.build(source("persistent"));
        InternalKnowledgeBase again = common.build(cadence);
        assertNotNull(one);
        assertNotNull(two);
        assertNotNull(again);
        String fallback = "hang up when no rule of the policy decided";
        assertNotSame(one.getRule("common", fallback), two.getRule("common", fallback));
        assertNotSame(one.getRule("common", fallback), again.getRule("common", fallback));
        assertNotEquals(one.getRootClassLoader().loadClass("common.Sequenced"), two.getRootClassLoader().loadClass("common.Sequenced"));
    }

    @Test
    void aPolicyFileThatWouldChangeTheCommonPackagesIsBuiltWhole() throws Exception {
        String imports = "import dev.voicemail.facts.Decision;\nimport java.time.LocalDate;\n";
        Map<String, String> sneaky = Map.of(
                "a rule added to the common package", """
                        package common;
                        %s
                        rule "sneaky"
                        when Decision() then end
                        """.formatted(imports),
                "a common rule replaced", """
                        package common;
                        %s
                        rule "hang up when no rule of the policy decided"
                        when Decision() then end
                        """.formatted(imports),
                "a common function replaced", """
                        package common;
                        %s
                        function String callBack(String phone) { return "owned"; }
                        """.formatted(imports),
                "a common type declared again", """
                        package common;
                        %s
                        declare Speaker
                            name : String
                        end
                        """.formatted(imports));
        CommonRules common = new CommonRules();
        sneaky.forEach((what, drl) -> assertNull(common.build(new PolicySource("sneaky", "policies/sneaky.drl", drl, layout.common())), what));
        // while an ordinary new policy in a package of its own takes the fast path
        assertNotNull(common.build(new PolicySource("plain", "policies/plain.drl", """
                package policies.plain;
                %s
                rule "plain"
                when Decision() then end
                """.formatted(imports), layout.common())));
    }

    @Test
    void aPolicyWithAnErrorIsBuiltWholeAndItsErrorPlaced() {
        PolicySource broken = new PolicySource("broken", "policies/broken.drl", """
                package policies.broken;
                import dev.voicemail.facts.Decision;
                rule "misspelt"
                when Decision( actoin == null ) then end
                """, layout.common());
        assertNull(new CommonRules().build(broken));
        RulesCompileException e = assertThrows(RulesCompileException.class, () -> new PolicyBuilder().build(broken));
        assertEquals("policies/broken.drl", e.errors().get(0).file());
        assertEquals(4, e.errors().get(0).line());
    }

    @Test
    void commonFilesThatDoNotCompileAloneLeaveEveryPolicyToTheWholeBuild() throws Exception {
        Map<String, String> commonFiles = new TreeMap<>(layout.common());
        commonFiles.put("common/broken.drl", "package common;\nrule \"x\" when NoSuchType() then end\n");
        PolicySource always = new PolicySource("always", RulesLayout.policyFile("always"), files.get(RulesLayout.policyFile("always")), commonFiles);
        assertNull(new CommonRules().build(always));
        RulesCompileException e = assertThrows(RulesCompileException.class, () -> new PolicyBuilder().build(always));
        assertEquals("common/broken.drl", e.errors().get(0).file());
        assertEquals(2, e.errors().get(0).line());
    }

    private static PolicySource source(String name) {
        return layout.policies().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
