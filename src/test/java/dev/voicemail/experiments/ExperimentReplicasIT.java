package dev.voicemail.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.testing.AppProcess;
import dev.voicemail.testing.Api;
import dev.voicemail.testing.ServicePostgres;


/**
 * Assignment is stable across replicas and restarts: two packaged services on one PostgreSQL. The
 * experiment is started on replica A; replica B, which never saw the start, assigns every prospect
 * to the same arm; A is killed and started again and still does. A stop on A reaches B within the
 * cache's lifetime (1 s here).
 */
class ExperimentReplicasIT {

    private static final Path RULES = Path.of("rules");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROSPECTS = 60;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyReplicaAndEveryRestartGivesTheSameArm(@TempDir Path tmp) throws Exception {
        try (ServicePostgres pg = ServicePostgres.start(tmp.resolve("pg"))) {
            Map<String, String> env = pg.env();
            AppProcess a = start(tmp.resolve("a"), env);
            try (AppProcess b = start(tmp.resolve("b"), env)) {
                assertEquals(201, send(a, "PUT", "/v1/clients/acme", Api.client("never", "America/Chicago")).statusCode());
                // B decides once before the experiment exists: it caches "no experiment" for the client
                assertTrue(decide(b, List.of("p-0")).get(0).path("experiment").isMissingNode());
                HttpResponse<String> put = send(a, "PUT", "/v1/clients/acme/experiments/vm", """
                        {"arms": [{"name": "no-voicemail", "policy": "never", "weight": 1},
                                  {"name": "voicemail", "policy": "always", "weight": 1}],
                         "primaryMetric": "callback", "plannedProspectsPerArm": 100}""");
                assertEquals(201, put.statusCode(), put::body);
                assertEquals(200, send(a, "POST", "/v1/clients/acme/experiments/vm/start", "").statusCode());

                List<String> ids = new ArrayList<>();
                for (int i = 0; i < PROSPECTS; i++) {
                    ids.add("p-" + i);
                }
                List<String> onA = arms(decide(a, ids));
                assertEquals(2, onA.stream().distinct().count(), "both arms: " + onA);
                Thread.sleep(1500); // B's copy of "no experiment" is past its 1 s lifetime
                assertEquals(onA, arms(decide(b, ids)), "replica B");

                a.kill();
                a = start(tmp.resolve("a"), env);
                assertEquals(onA, arms(decide(a, ids)), "replica A after a restart");

                assertEquals(200, send(a, "POST", "/v1/clients/acme/experiments/vm/stop", "").statusCode());
                assertTrue(decide(a, ids).stream().allMatch(d -> d.path("experiment").isMissingNode()), "stopped on A");
                Thread.sleep(1500);
                assertTrue(decide(b, ids).stream().allMatch(d -> d.path("experiment").isMissingNode()), "stopped on B");
            } finally {
                a.close();
            }
        }
    }

    private static AppProcess start(Path data, Map<String, String> env) throws Exception {
        Files.createDirectories(data);
        AppProcess app = AppProcess.start(RULES, data, env, "-Dvoicemail.clients.cache-ttl=1S");
        assertTrue(app.awaitReady(Duration.ofSeconds(120)), () -> "service did not start:\n" + output(app));
        return app;
    }

    private static String output(AppProcess app) {
        try {
            return app.output();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private List<JsonNode> decide(AppProcess app, List<String> prospects) throws Exception {
        StringBuilder body = new StringBuilder("{\"requests\": [");
        for (int i = 0; i < prospects.size(); i++) {
            body.append(i == 0 ? "" : ",").append("""
                    {"clientId": "acme", "prospect": {"id": "%s"},
                     "call": {"at": "2026-11-23T10:35:00-06:00", "remainingAttemptsToday": 0}}""".formatted(prospects.get(i)));
        }
        HttpResponse<String> answer = send(app, "POST", "/v1/decisions/batch", body.append("]}").toString());
        assertEquals(200, answer.statusCode(), answer::body);
        List<JsonNode> results = new ArrayList<>();
        JSON.readTree(answer.body()).path("results").forEach(results::add);
        assertEquals(prospects.size(), results.size());
        return results;
    }

    private static List<String> arms(List<JsonNode> results) {
        List<String> arms = new ArrayList<>();
        for (JsonNode r : results) {
            String arm = r.path("experiment").path("arm").asText(null);
            assertTrue(arm != null, () -> "no arm in " + r);
            assertEquals(arm.equals("voicemail") ? "LEAVE_VOICEMAIL" : "HANG_UP", r.path("action").asText(), r::toString);
            arms.add(arm);
        }
        return arms;
    }

    private HttpResponse<String> send(AppProcess app, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port + path))
                .header("Authorization", "Bearer " + Api.KEY).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60));
        b.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
