package dev.voicemail.clients;

import static dev.voicemail.testing.Api.newAgency;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;

/** Optimistic versioning: ETag is the version; If-Match makes a change apply only to that version. */
abstract class VersioningTests {

    private static final int WRITERS = 8;

    private Api.Agency agency;
    private String clientId;

    @BeforeEach
    void client() {
        agency = newAgency("ver");
        clientId = Api.unique("c");
        agency.asAdmin().body(Map.of("name", "v1", "policy", "always")).put("/v1/clients/" + clientId)
                .then().statusCode(201).header("ETag", "\"1\"");
    }

    private Map<String, Object> body(String name) {
        return Map.of("name", name, "policy", "never");
    }

    @Test
    void getAndPutAnswerTheVersionAsETag() {
        agency.asAdmin().get("/v1/clients/" + clientId).then().statusCode(200).header("ETag", "\"1\"");
        agency.asAdmin().header("If-Match", "\"1\"").body(body("v2")).put("/v1/clients/" + clientId)
                .then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
        agency.asAdmin().get("/v1/clients/" + clientId).then().header("ETag", "\"2\"").body("name", equalTo("v2"));
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        agency.asAdmin().body(body("v2")).put("/v1/clients/" + clientId).then().statusCode(200); // no If-Match: replaces
        agency.asAdmin().header("If-Match", "\"1\"").body(body("lost")).put("/v1/clients/" + clientId)
                .then().statusCode(412).body("error", equalTo("precondition_failed")).body("field", equalTo("If-Match"));
        agency.asAdmin().header("If-Match", "\"1\"").delete("/v1/clients/" + clientId).then().statusCode(412);
        agency.asAdmin().header("If-Match", "garbage").body(body("lost")).put("/v1/clients/" + clientId).then().statusCode(412);
        agency.asAdmin().get("/v1/clients/" + clientId).then().body("name", equalTo("v2")).body("version", equalTo(2));
        agency.asAdmin().header("If-Match", "\"2\"").delete("/v1/clients/" + clientId).then().statusCode(204);
        agency.asAdmin().get("/v1/clients/" + clientId).then().statusCode(404);
    }

    @Test
    void ifMatchStarRequiresAnExistingClient() {
        String missing = Api.unique("missing");
        agency.asAdmin().header("If-Match", "*").body(body("x")).put("/v1/clients/" + missing).then().statusCode(412);
        agency.asAdmin().get("/v1/clients/" + missing).then().statusCode(404);
        agency.asAdmin().header("If-Match", "*").body(body("v2")).put("/v1/clients/" + clientId).then().statusCode(200);
    }

    /** Writers that all read version 1 race: exactly one wins, every other one is told (412). */
    @Test
    void concurrentUpdatesFromTheSameVersionLetExactlyOneWin() throws Exception {
        List<Integer> statuses = race(i -> agency.asAdmin().header("If-Match", "\"1\"").body(body("writer " + i))
                .put("/v1/clients/" + clientId).statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(WRITERS - 1, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        agency.asAdmin().get("/v1/clients/" + clientId).then().body("version", equalTo(2));
        agency.asAdmin().get("/v1/clients/" + clientId + "/history").then().body("items.size()", equalTo(2));
    }

    /** Without If-Match each replace applies in turn: every one gets its own version and audit entry. */
    @Test
    void concurrentReplacesWithoutIfMatchAreEachAppliedAndRecorded() throws Exception {
        List<Integer> statuses = race(i -> agency.asAdmin().body(body("writer " + i)).put("/v1/clients/" + clientId)
                .statusCode());
        assertEquals(List.of(), statuses.stream().filter(s -> s != 200).toList());
        agency.asAdmin().get("/v1/clients/" + clientId).then().body("version", equalTo(1 + WRITERS));
        List<Integer> versions = agency.asAdmin().get("/v1/clients/" + clientId + "/history").then()
                .extract().jsonPath().getList("items.newVersion", Integer.class);
        Set<Integer> expected = new HashSet<>();
        for (int v = 1; v <= 1 + WRITERS; v++) {
            expected.add(v);
        }
        assertEquals(expected, new HashSet<>(versions));
        assertEquals(1 + WRITERS, versions.size());
    }

    private interface Writer {
        int write(int i);
    }

    private static List<Integer> race(Writer writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int n = i;
                Callable<Integer> task = () -> {
                    start.await();
                    return writer.write(n);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
