package dev.voicemail.decisionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.AppProcess;

/**
 * Strict mode's promise on the embedded default: a decision answered 200 is on record, even when
 * the service is killed (SIGKILL) the next moment. H2 writes commits to its file in the background;
 * a strict batch is checkpointed before its decisions are answered. The packaged service decides
 * from several threads while a client is rewritten beside them (another acknowledged write), is
 * killed at an arbitrary moment, and after a restart on the same data directory every decision
 * answered 200 is found in the log.
 */
class StrictDecisionLogKillIT {

    private static final Path RULES = Path.of("rules");
    private static final int THREADS = 4;
    private static final Pattern ID = Pattern.compile("\"decisionId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyDecisionAnsweredInStrictModeSurvivesAKill(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
        try (AppProcess app = AppProcess.start(RULES, data, Map.of(), "-Dvoicemail.decision-log.mode=strict")) {
            assertTrue(app.awaitReady(Duration.ofSeconds(90)), () -> "service did not start");
            int port = app.port;
            assertEquals(201, http.send(put(port, "/v1/clients/strict", Api.client("always", null)),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> created = http.send(post(port, "/v1/keys", Api.KEY, "{\"name\": \"crm\", \"roles\": [\"crm\"]}"),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created::body);
            Matcher k = KEY.matcher(created.body());
            assertTrue(k.find(), created::body);
            String crmKey = k.group(1);
            List<AppProcess.Load> loads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                loads.add((thread, stop) -> {
                    for (int i = 0; !stop.get(); i++) {
                        HttpResponse<String> r = http.send(post(port, "/v1/decisions", crmKey, decision("p-" + thread + "-" + i)),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new AssertionError("a strict decision was answered " + r.statusCode() + ": " + r.body());
                        }
                        Matcher m = ID.matcher(r.body());
                        if (!m.find()) {
                            throw new AssertionError("no decisionId in " + r.body());
                        }
                        answered.add(m.group(1));
                    }
                });
            }
            loads.add((thread, stop) -> { // another acknowledged write, committed beside the log's batches
                for (int i = 0; !stop.get(); i++) {
                    http.send(put(port, "/v1/clients/other", Api.client(i % 2 == 0 ? "never" : "always", null)),
                            HttpResponse.BodyHandlers.discarding());
                }
            });
            app.killWhileLoading(loads, () -> answered.size() >= 400);
        }
        assertTrue(answered.size() > 100, () -> "too few decisions to prove anything: " + answered.size());

        try (AppProcess app = AppProcess.start(RULES, data)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(90)), () -> "service did not restart");
            List<String> lost = new ArrayList<>();
            for (String id : answered) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port + "/v1/decisions/" + id))
                        .header("Authorization", "Bearer " + Api.KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 || !r.body().contains(id)) {
                    lost.add(id + ": " + r.statusCode());
                }
            }
            assertTrue(lost.isEmpty(), () -> lost.size() + " of " + answered.size() + " decisions answered in strict mode"
                    + " are not in the log after the kill:\n" + String.join("\n", lost.subList(0, Math.min(20, lost.size()))));
        }
    }

    private static String decision(String prospect) {
        return "{\"clientId\": \"strict\", \"prospect\": {\"id\": \"" + prospect + "\"}, \"call\": {\"remainingAttemptsToday\": 0}}";
    }

    private static HttpRequest put(int port, String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + Api.KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest post(int port, String path, String key, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
