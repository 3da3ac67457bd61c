package dev.voicemail.console;

import static dev.voicemail.testing.Api.newAgency;
import static dev.voicemail.testing.Api.operator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

/**
 * The console from the attacker's side, over plain HTTP: forged and token-less form posts, another
 * agency's session, a key whose roles do not open a page, bad keys, the cookie's flags, and the
 * session cookie sent to the API.
 */
@QuarkusTest
class ConsoleSecurityTest {

    private static Map<String, String> client(String id) {
        return Map.of("new", "true", "version", "0", "id", id, "name", "Client " + id, "timezone", "",
                "policy", "always");
    }

    @Test
    void aBadKeyDoesNotSignIn() {
        ConsoleForms browser = new ConsoleForms();
        browser.get(ConsolePaths.SIGN_IN);
        for (String key : List.of("vmk_nope.nothing", "", "vmk_" + "0".repeat(16) + ".x", "x".repeat(1000))) {
            Response r = browser.submit(ConsolePaths.SIGN_IN, Map.of("key", key));
            assertEquals(401, r.statusCode(), "a bad key of " + key.length() + " characters");
            assertTrue(r.asString().contains("That key is not valid"), r.asString());
            assertNull(r.getDetailedCookie(ConsoleSessions.COOKIE), "a session cookie for a bad key");
        }
        // a form past the server's size limit is refused before any key is looked at
        assertEquals(413, browser.submit(ConsolePaths.SIGN_IN, Map.of("key", "x".repeat(5000))).statusCode());
        Map<String, Object> revoked = Api.key("default", "admin");
        operator().delete("/v1/keys/" + revoked.get("id")).then().statusCode(204);
        assertEquals(401, browser.submit(ConsolePaths.SIGN_IN, Map.of("key", (String) revoked.get("key"))).statusCode());
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndScopedToTheConsole() {
        ConsoleForms browser = new ConsoleForms();
        browser.get(ConsolePaths.SIGN_IN);
        Response r = browser.submit(ConsolePaths.SIGN_IN, Map.of("key", Api.KEY));
        Cookie session = r.getDetailedCookie(ConsoleSessions.COOKIE);
        assertTrue(session.isHttpOnly());
        assertEquals("Strict", session.getSameSite());
        assertEquals("/console", session.getPath());
        assertFalse(session.isSecured(), "over plain HTTP the cookie cannot be Secure");
        assertTrue(session.getValue().length() >= 43, "a session id of 256 random bits");
        assertFalse(r.asString().contains(Api.KEY));
        // a new sign-in is a new session (no fixation)
        browser.get(ConsolePaths.SIGN_IN);
        Response again = browser.submit(ConsolePaths.SIGN_IN, Map.of("key", Api.KEY));
        assertNotEquals(session.getValue(), again.getDetailedCookie(ConsoleSessions.COOKIE).getValue());
    }

    @Test
    void aFormWithoutOrWithAWrongCsrfTokenIsRefusedAndChangesNothing() {
        Api.Agency a = newAgency("csrf");
        ConsoleForms browser = ConsoleForms.signedIn(a.admin());
        browser.get(ConsolePaths.CLIENT_EDIT);

        Response missing = browser.post("/console/clients/save", client("forged-1"));
        assertEquals(400, missing.statusCode());
        Map<String, String> wrong = new java.util.HashMap<>(client("forged-2"));
        wrong.put("csrf-token", "AAAAAAAAAAAAAAAAAAAAAA");
        assertEquals(400, browser.post("/console/clients/save", wrong).statusCode());
        // a cross-site form may send text/plain, which the CSRF filter does not read: the page takes only forms
        Response plain = browser.request().contentType("text/plain").body("id=forged-3&name=x&policy=always")
                .post("/console/clients/save");
        assertEquals(415, plain.statusCode());
        // sign-in and sign-out are forms too
        assertEquals(400, new ConsoleForms().post(ConsolePaths.SIGN_IN, Map.of("key", Api.KEY)).statusCode());
        assertEquals(400, browser.post(ConsolePaths.SIGN_OUT, Map.of()).statusCode());

        for (String id : List.of("forged-1", "forged-2", "forged-3")) {
            a.asAdmin().get("/v1/clients/" + id).then().statusCode(404);
        }
        // the same form with the page's token goes through
        assertEquals(303, browser.submit("/console/clients/save", client("real-1")).statusCode());
        a.asAdmin().get("/v1/clients/real-1").then().statusCode(200);
    }

    @Test
    void aSessionOfAgencyASeesNoneOfAgencyBsClients() {
        Api.Agency a = newAgency("console-a");
        Api.Agency b = newAgency("console-b");
        b.client("b-secret-client", "always");
        a.client("a-own-client", "always");
        ConsoleForms browser = ConsoleForms.signedIn(a.admin());

        browser.get("/console/clients").then().statusCode(200)
                .body(containsString("a-own-client")).body(not(containsString("b-secret-client")));
        browser.request().queryParam("q", "b-secret").get("/console/clients").then().statusCode(200)
                .body(not(containsString("b-secret-client")));
        browser.request().queryParam("id", "b-secret-client").get(ConsolePaths.CLIENT_EDIT).then().statusCode(404)
                .body(not(containsString("Client b-secret-client")));
        // B's client is untouched by A's edit form: saving that id makes a client of A's own
        browser.get(ConsolePaths.CLIENT_EDIT);
        browser.submit("/console/clients/save", client("b-secret-client"));
        b.asAdmin().get("/v1/clients/b-secret-client").then().statusCode(200)
                .header("ETag", "\"1\"");
    }

    @Test
    void aKeyWithoutTheRoleIsNotOfferedThePageAndItsPostIs403() {
        Api.Agency a = newAgency("console-ro");
        a.client("ro-client", "always");
        ConsoleForms crm = ConsoleForms.signedIn(a.crm());

        String decisions = crm.get("/console/decisions").then().statusCode(200).extract().asString();
        assertFalse(decisions.contains("href=\"/console/clients\""), "a crm key is offered the Clients page");
        assertFalse(decisions.contains("href=\"/console/rules\""), "a crm key is offered the Rules page");
        crm.get("/console/clients").then().statusCode(403);
        crm.request().queryParam("id", "ro-client").get(ConsolePaths.CLIENT_EDIT).then().statusCode(403);
        crm.get(ConsolePaths.RULES).then().statusCode(403);
        Response post = crm.submit("/console/clients/save", Map.of("new", "false", "version", "1", "id", "ro-client",
                "name", "Changed by crm", "timezone", "", "policy", "never"));
        assertEquals(403, post.statusCode());
        a.asAdmin().get("/v1/clients/ro-client").then().statusCode(200).header("ETag", "\"1\"");

        // an admin outside the operator's agency reads the rules but is offered no DRL box, and may not post to it
        ConsoleForms admin = ConsoleForms.signedIn(a.admin());
        String rules = admin.get(ConsolePaths.RULES).then().statusCode(200).extract().asString();
        assertTrue(rules.contains("id=\"version\""), rules);
        assertFalse(rules.contains("id=\"drl\""), "a non-author is offered the DRL box");
        admin.submit("/console/rules/validate", Map.of("path", "policies/x.drl", "drl", "package x;"))
                .then().statusCode(403);
        admin.submit("/console/rules/impact", Map.of("path", "policies/x.drl", "drl", "package x;"))
                .then().statusCode(403);
        String adminPage = admin.get(ConsolePaths.DECISIONS).then().statusCode(200).extract().asString();
        assertFalse(adminPage.contains("href=\"/console/simulator\""), "an admin key is offered the crm's Simulator");
        admin.get(ConsolePaths.SIMULATOR).then().statusCode(403);
    }

    @Test
    void withoutASessionEveryPageSendsToSignIn() {
        for (String path : List.of("/console", "/console/clients", "/console/simulator", "/console/rules",
                "/console/decisions", "/console/clients/edit")) {
            Response r = RestAssured.given().redirects().follow(false).get(path);
            assertEquals(303, r.statusCode(), path);
            assertTrue(r.header("Location").endsWith(ConsolePaths.SIGN_IN), path);
        }
        RestAssured.given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, "A".repeat(43))
                .get("/console/clients").then().statusCode(303);
    }

    @Test
    void theSessionCookieNeverAuthorizesTheApi() {
        ConsoleForms browser = ConsoleForms.signedIn(Api.KEY);
        String session = browser.cookies.get(ConsoleSessions.COOKIE);
        for (String path : List.of("/v1/clients", "/v1/keys", "/v1/rules", "/console/../v1/clients", "/console/%2e%2e/v1/clients",
                "/v1/../v1/clients", "//v1/clients")) {
            Response r = RestAssured.given().urlEncodingEnabled(false).redirects().follow(false)
                    .cookie(ConsoleSessions.COOKIE, session).get(path);
            assertTrue(r.statusCode() == 401 || r.statusCode() == 404 || r.statusCode() == 400,
                    path + " answered " + r.statusCode() + " to a session cookie");
        }
        // and the Bearer key goes on working as before
        Api.given().get("/v1/clients").then().statusCode(200);
    }

    @Test
    void theConsolesCsrfCheckStaysOffTheApi() {
        // a form-typed POST with no cookie and no token, as curl -d '' sends: the API answers it as before
        Api.given().contentType("application/x-www-form-urlencoded").post("/v1/rules/reload").then().statusCode(200);
        Api.given().contentType("application/x-www-form-urlencoded").body("a=b").post("/v1/decisions")
                .then().statusCode(415).body("error", org.hamcrest.Matchers.equalTo("unsupported_media_type"));
    }

    @Test
    void signingOutOrRevokingTheKeyEndsTheSession() {
        Map<String, Object> key = Api.key("default", "admin");
        ConsoleForms browser = ConsoleForms.signedIn((String) key.get("key"));
        browser.get("/console/clients").then().statusCode(200);
        String session = browser.cookies.get(ConsoleSessions.COOKIE);
        Response out = browser.submit(ConsolePaths.SIGN_OUT, Map.of());
        assertEquals(303, out.statusCode());
        assertEquals(0, out.getDetailedCookie(ConsoleSessions.COOKIE).getMaxAge());
        RestAssured.given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, session)
                .get("/console/clients").then().statusCode(303);

        ConsoleForms again = ConsoleForms.signedIn((String) key.get("key"));
        again.get("/console/clients").then().statusCode(200);
        operator().delete("/v1/keys/" + key.get("id")).then().statusCode(204);
        again.get("/console/clients").then().statusCode(303);
    }
}
