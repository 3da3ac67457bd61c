package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A new rule set may not drop a policy that clients use; each agency is shown only its own clients. */
class PoliciesInUseTest {

    /** A rule set that defines {@code always} and nothing else. */
    private static final RuleSet ONLY_ALWAYS = new RuleSet("sha256:test", Instant.now(), List.of("policies/always.drl"),
            Map.of("always", PolicyRulesFixture.alwaysPolicy()));

    @Test
    void aPolicyStillDefinedIsNoProblem() {
        PoliciesInUse inUse = new PoliciesInUse(List.of(() -> Map.of("always", List.of("acme/c1"))));
        assertEquals(List.of(), inUse.missingFrom(ONLY_ALWAYS));
    }

    @Test
    void aMissingPolicyNamesItsFileAndTheClientsUsingIt() {
        Map<String, List<String>> byPolicy = new LinkedHashMap<>();
        byPolicy.put("always", List.of("acme/c1"));
        byPolicy.put("cadence", List.of("acme/c2", "globex/c9"));
        List<RuleError> errors = new PoliciesInUse(List.of(() -> byPolicy)).missingFrom(ONLY_ALWAYS);
        assertEquals(1, errors.size(), errors.toString());
        RuleError missing = errors.get(0);
        assertEquals("policies/cadence.drl", missing.file());
        assertEquals("policy 'cadence' is used by 2 clients (acme/c2, globex/c9) but the new rules do not define it:"
                + " restore the file, or move those clients to another policy (or stop those experiments) first", missing.message());

        RuleError seenByAcme = missing.seenBy(client -> client.startsWith("acme/"));
        assertEquals("policy 'cadence' is used by 1 client (acme/c2) but the new rules do not define it:"
                + " restore the file, or move those clients to another policy (or stop those experiments) first", seenByAcme.message());
        assertEquals(List.of("acme/c2"), seenByAcme.clients());
        RuleError seenByInitech = missing.seenBy(client -> client.startsWith("initech/"));
        assertTrue(seenByInitech.message().startsWith("policy 'cadence' is used by clients of other agencies"),
                seenByInitech.message());
    }

    @Test
    void whenTheClientsCannotBeAskedNothingIsLoaded() {
        List<RuleError> errors = new PoliciesInUse(List.of(() -> {
            throw new IllegalStateException("database unavailable");
        })).missingFrom(ONLY_ALWAYS);
        assertEquals(List.of(new RuleError(null, 0, 0, "cannot check which policies clients use, so the rules are not"
                + " loaded: database unavailable")), errors);
    }
}
