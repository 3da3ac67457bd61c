package dev.voicemail.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Decisions page's "Older decisions" link keeps the filters, each URL-encoded: a prospect id with
 * {@code &}, {@code =}, {@code #} or a space pages through its own decisions. Written into the link as
 * they were, such a value cut the query short and the next page listed other prospects' decisions.
 */
@QuarkusTest
class ConsoleDecisionsPagingTest {

    private static final Pattern OLDER = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"");
    private static final Pattern ROW = Pattern.compile("<tr><td><a href=\"/console/decisions/detail\\?id=");

    @Test
    void olderDecisionsKeepsFiltersThatNeedEncoding() throws Exception {
        Api.Agency a = Api.newAgency("console-paging");
        a.client("paging", "always");
        String prospect = "p&prospectId=p#2 ü";
        for (int i = 0; i < 51; i++) {
            decide(a, prospect);
        }
        for (int i = 0; i < 3; i++) {
            decide(a, "p"); // what the cut query would have listed
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (a.asCrm().queryParam("clientId", "paging").queryParam("limit", "500").get("/v1/decisions").then()
                .statusCode(200).extract().jsonPath().getList("items").size() < 54) {
            assertTrue(System.nanoTime() < deadline, "the decisions were not logged within 30 s");
            Thread.sleep(100);
        }
        ConsoleForms crm = ConsoleForms.signedIn(a.crm());
        String first = crm.request().queryParam("clientId", "paging").queryParam("prospectId", prospect)
                .get("/console/decisions").then().statusCode(200).extract().asString();
        assertEquals(50, count(first));
        Matcher older = OLDER.matcher(first);
        assertTrue(older.find(), "no link to older decisions on a full page");
        String href = older.group(1).replace("&amp;", "&");
        String second = crm.request().urlEncodingEnabled(false).get(href).then().statusCode(200).extract().asString();
        assertEquals(1, count(second), "the next page lists the 51st decision of the prospect and nothing else: " + href);
        assertFalse(second.contains("<td>p</td>"), "another prospect's decisions on the next page: " + href);
        assertFalse(second.contains("id=\"next-page\""), "a link past the last page");
    }

    private static void decide(Api.Agency a, String prospect) {
        a.asCrm().body(Map.of("clientId", "paging", "prospect", Map.of("id", prospect),
                "call", Map.of("at", "2026-11-23T10:35:00-06:00", "remainingAttemptsToday", 0)))
                .post("/v1/decisions").then().statusCode(200);
    }

    private static int count(String page) {
        Matcher m = ROW.matcher(page);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
