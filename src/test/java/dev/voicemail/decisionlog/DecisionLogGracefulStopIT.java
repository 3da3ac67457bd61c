package dev.voicemail.decisionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.AppProcess;

/**
 * The default (async) log's promise at a graceful stop: SIGTERM, as an orchestrator stops a pod, with
 * decisions still in the queue. The packaged service answers batches from four threads faster than its
 * one writer writes them, is stopped under that load once a thousand decisions wait in the queue, and
 * after a restart on the same data directory every decision it answered is in the log: the stop writes
 * what is queued before the service exits, within the orchestrator's grace period.
 */
class DecisionLogGracefulStopIT {

    private static final Path RULES = Path.of("rules");
    private static final Pattern QUEUED = Pattern.compile("(?m)^voicemail_decision_log_queued(\\{[^}]*})? ([0-9.eE+]+)$");
    private static final Pattern DROPPED = Pattern.compile("(?m)^voicemail_decision_log_dropped_total(\\{[^}]*})? ([0-9.eE+]+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void decisionsQueuedAtAGracefulStopAreInTheLogAfterARestart(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Queue<String> answered = new ConcurrentLinkedQueue<>();
        double[] atStop;
        int exit;
        String firstRun;
        try (AppProcess app = AppProcess.start(RULES, data)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(90)), () -> "service did not start");
            assertEquals(201, send(app.port, "PUT", "/v1/clients/stop", Api.client("always", null)).statusCode());
            // batches from four threads: the two event loops decide faster than the one writer writes
            String batch = batch(1_000, 5);
            AtomicBoolean stop = new AtomicBoolean();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> loads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                loads.add(new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            HttpResponse<String> r = send(app.port, "POST", "/v1/decisions/batch", batch);
                            if (r.statusCode() != 200) {
                                throw new AssertionError("a batch was answered " + r.statusCode() + ": " + r.body());
                            }
                            for (JsonNode item : JSON.readTree(r.body()).get("results")) {
                                answered.add(item.get("decisionId").asText());
                            }
                        }
                    } catch (java.io.IOException e) {
                        // the service stopped: what was in flight had no answer
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            loads.forEach(Thread::start);
            double[] log = queuedAndDropped(app);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((log[0] < 1_000 || answered.size() < 4_000) && failures.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
                log = queuedAndDropped(app);
            }
            atStop = log;
            exit = app.stop(Duration.ofSeconds(30)); // while the loads go on
            stop.set(true);
            for (Thread l : loads) {
                l.join(10_000);
            }
            assertTrue(failures.isEmpty(), () -> "a load failed: " + failures);
            firstRun = app.output();
        }
        String log = firstRun;
        assertTrue(atStop[0] >= 1_000 && atStop[1] == 0, () -> "the premise: decisions still queued at the stop and none"
                + " dropped, not " + atStop[0] + " queued and " + atStop[1] + " dropped");
        assertTrue(answered.size() >= 4_000, () -> "too few decisions to prove anything: " + answered.size());
        assertTrue(exit == 0 || exit == 143, () -> "a graceful stop within the grace period, not exit " + exit + ":\n" + log);

        Set<String> found = new HashSet<>();
        try (AppProcess app = AppProcess.start(RULES, data)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(90)), () -> "service did not restart");
            String cursor = null;
            do {
                HttpResponse<String> page = send(app.port, "GET", "/v1/decisions?clientId=stop&limit=500"
                        + (cursor == null ? "" : "&cursor=" + cursor), null);
                assertEquals(200, page.statusCode(), page::body);
                JsonNode body = JSON.readTree(page.body());
                body.get("items").forEach(i -> found.add(i.get("decisionId").asText()));
                cursor = body.hasNonNull("next") ? body.get("next").asText() : null;
            } while (cursor != null);
        }
        List<String> lost = answered.stream().filter(id -> !found.contains(id)).toList();
        assertTrue(lost.isEmpty(), () -> lost.size() + " of " + answered.size() + " answered decisions (" + atStop[0]
                + " queued at the stop) are not in the log after a graceful stop:\n" + log.lines()
                .filter(l -> l.contains("WARN") || l.contains("ERROR")).limit(20).reduce("", (a, l) -> a + l + "\n"));
    }

    /** {@code items} requests of one prospect each, with {@code attempts} unanswered calls a day apart. */
    private static String batch(int items, int attempts) {
        StringBuilder history = new StringBuilder();
        Instant at = Instant.parse("2026-01-05T15:00:00Z");
        for (int a = 0; a < attempts; a++) {
            history.append(a == 0 ? "" : ",").append("{\"at\": \"").append(at.plusSeconds(86_400L * a / 2))
                    .append("\", \"channel\": \"CALL\", \"outcome\": \"NO_ANSWER\"}");
        }
        StringBuilder b = new StringBuilder("{\"requests\": [");
        for (int i = 0; i < items; i++) {
            b.append(i == 0 ? "" : ",").append("{\"clientId\": \"stop\", \"prospect\": {\"id\": \"p-").append(i)
                    .append("\"}, \"call\": {\"remainingAttemptsToday\": 0}, \"attempts\": [").append(history).append("]}");
        }
        return b.append("]}").toString();
    }

    /** The log's queue gauge and drop counter. */
    private double[] queuedAndDropped(AppProcess app) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.managementPort + "/q/metrics")).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return new double[] {metric(metrics, QUEUED), metric(metrics, DROPPED)};
    }

    private static double metric(String metrics, Pattern p) {
        Matcher m = p.matcher(metrics);
        assertTrue(m.find(), () -> "no " + p + " in the metrics:\n" + metrics);
        return Double.parseDouble(m.group(2));
    }

    private HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + Api.KEY).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
