package dev.voicemail.auth;

import static dev.voicemail.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A key gives only roles it holds, in its own agency; the author role and changing the shared rules
 * belong to the operator's agency (voicemail.auth.operator-agency, "default" in tests).
 */
@QuarkusTest
class KeyAndRulesAuthorityTest {

    private static final String POLICY = """
            package policies.authority;

            import dev.voicemail.facts.Decision;

            declare AuthorityPolicy
                @policy("Checks who may validate.")
            end

            rule "authority hangs up"
                @explanation("Checks who may validate.")
                agenda-group "policy" activation-group "decision"
            when
                $decision : Decision()
            then
                modify( $decision ) { setAction( dev.voicemail.facts.Action.HANG_UP ) }
            end
            """;

    @Inject
    ApiKeys keys;

    @Test
    void aKeyGivesOnlyRolesItHoldsAndOnlyInItsAgency() {
        Api.Agency agency = Api.newAgency("authority");
        Api.Agency other = Api.newAgency("authority-other");
        // a crm key makes no keys at all; an admin key no crm key, since it holds no crm role
        as(agency.crm()).body(Map.of("name", "e", "roles", List.of("admin", "author", "crm"))).post("/v1/keys")
                .then().statusCode(403).body("error", equalTo("forbidden"));
        as(agency.admin()).body(Map.of("name", "e", "roles", List.of("admin", "crm"))).post("/v1/keys")
                .then().statusCode(403).body("field", equalTo("roles[1]"));
        as(agency.admin()).body(Map.of("name", "e", "roles", List.of("admin"))).post("/v1/keys")
                .then().statusCode(201).body("agency", equalTo(agency.name())).body("roles", equalTo(List.of("admin")));
        String lead = (String) Api.key(agency.name(), "admin", "crm").get("key");
        as(lead).body(Map.of("name", "e", "roles", List.of("crm"))).post("/v1/keys").then().statusCode(201);
        // never in another agency, not even with roles it holds
        as(lead).body(Map.of("name", "e", "roles", List.of("crm"), "agency", other.name())).post("/v1/keys")
                .then().statusCode(403).body("field", equalTo("agency"));
    }

    /**
     * Listing and revoking take another agency as {@code ?agency=}; creating takes it in the body. A create with
     * {@code ?agency=} ignored it: the operator asking for an admin key of agency X got one of its own agency
     * (the operator's clients and keys), answered 201. A query parameter on create is now a 400 naming it.
     */
    @Test
    void anAgencyInTheQueryOfACreateIsRefusedNotIgnored() {
        Api.Agency other = Api.newAgency("authority-query");
        Api.operator().queryParam("agency", other.name()).body(Map.of("name", "for them", "roles", List.of("admin")))
                .post("/v1/keys").then().statusCode(400).body("error", equalTo("unknown_parameter"))
                .body("field", equalTo("agency"));
        as(other.admin()).queryParam("agency", other.name()).body(Map.of("name", "e", "roles", List.of("admin")))
                .post("/v1/keys").then().statusCode(400).body("field", equalTo("agency"));
        // nothing was made, in either agency
        Api.operator().get("/v1/keys").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("for them")));
        Api.operator().get("/v1/keys?agency=" + other.name()).then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("for them")));
        // in the body, as documented
        Api.operator().body(Map.of("name", "for them", "roles", List.of("admin"), "agency", other.name()))
                .post("/v1/keys").then().statusCode(201).body("agency", equalTo(other.name()));
    }

    @Test
    void onlyTheOperatorsAgencyHasAuthors() {
        Api.Agency agency = Api.newAgency("authority");
        String everything = (String) Api.key(agency.name(), "admin", "crm").get("key");
        as(everything).body(Map.of("name", "e", "roles", List.of("author"))).post("/v1/keys")
                .then().statusCode(403).body("field", equalTo("roles[0]"));
        // not even the operator makes an author elsewhere: the rules it would change are everyone's
        Api.operator().body(Map.of("name", "e", "roles", List.of("crm", "author"), "agency", agency.name())).post("/v1/keys")
                .then().statusCode(403).body("field", equalTo("roles[1]"));
        Api.operator().body(Map.of("name", "e", "roles", List.of("author"))).post("/v1/keys")
                .then().statusCode(201).body("agency", equalTo(Api.OPERATOR_AGENCY));
    }

    @Test
    void anAuthorKeyOutsideTheOperatorsAgencyCannotChangeRules() {
        // a key stored before this rule existed (or written to the database by hand)
        String legacy = keys.create("authority-legacy", "old author", Set.of("author", "admin"), "test").key();
        Map<String, Object> validate = Map.of("files", Map.of("policies/authority.drl", POLICY));
        as(legacy).body(validate).post("/v1/rules/validate").then().statusCode(403).body("error", equalTo("forbidden"));
        as(legacy).post("/v1/rules/reload").then().statusCode(403).body("error", equalTo("forbidden"));
        // it may still read what every admin reads
        as(legacy).get("/v1/rules").then().statusCode(200);
        as(legacy).get("/v1/policies").then().statusCode(200);
        // an admin of the operator's agency is no author either
        String operatorAdmin = (String) Api.key(Api.OPERATOR_AGENCY, "admin").get("key");
        as(operatorAdmin).body(validate).post("/v1/rules/validate").then().statusCode(403);
        // the operator's authors may
        String author = Api.operatorAuthor();
        as(author).body(validate).post("/v1/rules/validate").then().statusCode(200).body("valid", equalTo(true));
        as(author).post("/v1/rules/reload").then().statusCode(oneOf(200, 422));
    }

    @Test
    void malformedRolesAre400NamingTheField() {
        Api.Agency agency = Api.newAgency("authority");
        for (List<String> roles : List.of(Arrays.asList((String) null), Arrays.asList("admin", null), List.of(""))) {
            as(agency.admin()).body(Map.of("name", "x", "roles", roles)).post("/v1/keys")
                    .then().statusCode(400).body("error", equalTo("invalid_request"))
                    .body("field", equalTo("roles[" + (roles.size() - 1) + "]"));
        }
        as(agency.admin()).body("{\"name\":\"x\",\"roles\":[null]}").post("/v1/keys").then().statusCode(400)
                .body("field", equalTo("roles[0]"));
        as(agency.admin()).body("{\"name\":\"x\",\"roles\":[1, {}]}").post("/v1/keys").then().statusCode(400);
    }
}
