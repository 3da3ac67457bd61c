package dev.voicemail.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.AppProcess;
import dev.voicemail.testing.ServicePostgres;


/**
 * A client's deletion and the stop of its running experiment are one write: the packaged service,
 * creating clients, starting an experiment on each and deleting them from several threads, is killed
 * with SIGKILL at an arbitrary moment. After a restart on the same data, a client exists exactly
 * when its experiment runs; a deletion that was answered left no experiment running; and a client
 * created again under a deleted one's id decides under its own policy, in no arm of the old experiment.
 */
class ClientDeletionKillIT {

    private static final Path RULES = Path.of("rules");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 3;
    private static final String EXPERIMENT = """
            {"arms": [{"name": "no-voicemail", "policy": "never", "weight": 1},
                      {"name": "voicemail", "policy": "always", "weight": 1}],
             "primaryMetric": "callback", "plannedProspectsPerArm": 100}""";

    /** How far a client got: the last step answered 2xx, and whether the next one is in flight. */
    private static final class Track {
        volatile int acknowledged; // 0 nothing, 1 created, 2 experiment written, 3 started, 4 deleted
        volatile boolean inFlight;
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aDeletionAndItsExperimentsStopSurviveAKillTogetherOnH2(@TempDir Path tmp) throws Exception {
        createStartDeleteKillCheck(tmp.resolve("data"), Map.of());
    }

    @Test
    void aDeletionAndItsExperimentsStopSurviveAKillTogetherOnPostgres(@TempDir Path tmp) throws Exception {
        try (ServicePostgres pg = ServicePostgres.start(tmp.resolve("pg"))) {
            createStartDeleteKillCheck(tmp.resolve("data"), pg.env());
        }
    }

    private void createStartDeleteKillCheck(Path data, Map<String, String> env) throws Exception {
        Map<String, Track> tracks = new ConcurrentHashMap<>();
        AtomicInteger deleted = new AtomicInteger();
        try (AppProcess app = AppProcess.start(RULES, data, env)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(90)), () -> "service did not start");
            app.killWhileLoading(java.util.Collections.nCopies(THREADS, (thread, stop) -> work(app.port, thread, tracks, deleted, stop)),
                    () -> deleted.get() >= 40);
        }
        assertTrue(deleted.get() >= 20, () -> "too few deletions to prove anything: " + deleted.get());

        try (AppProcess app = AppProcess.start(RULES, data, env)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(90)), () -> "service did not restart");
            List<String> wrong = new ArrayList<>();
            int checked = 0, gone = 0;
            for (Map.Entry<String, Track> e : tracks.entrySet()) {
                String id = e.getKey();
                Track x = e.getValue();
                boolean startAnswered = x.acknowledged >= 3;
                boolean startMaybe = x.acknowledged == 2 && x.inFlight;
                if (!startAnswered && !startMaybe) {
                    continue; // no experiment was ever started: nothing to hold together
                }
                checked++;
                boolean exists = send(app.port, "GET", "/v1/clients/" + id, null).statusCode() == 200;
                HttpResponse<String> experiment = send(app.port, "GET", "/v1/clients/" + id + "/experiments/e", null);
                assertEquals(200, experiment.statusCode(), experiment::body);
                String status = JSON.readTree(experiment.body()).path("status").asText();
                boolean running = "RUNNING".equals(status);
                String state = id + " (last answered step " + x.acknowledged + (x.inFlight ? ", next in flight" : "")
                        + "): client " + (exists ? "exists" : "absent") + ", experiment " + status;
                if (startAnswered && exists != running) {
                    wrong.add(state + ": a client exists exactly when its experiment runs");
                } else if (startMaybe && (!exists || "STOPPED".equals(status))) {
                    wrong.add(state + ": nothing deleted or stopped it");
                } else if (x.acknowledged == 4 && (exists || running)) {
                    wrong.add(state + ": its deletion was answered");
                } else if (x.acknowledged == 3 && !x.inFlight && (!exists || !running)) {
                    wrong.add(state + ": its start was answered and nothing else was sent");
                }
                if (!exists) {
                    gone++;
                    // created again: it decides under its own policy, in no arm of the old experiment
                    assertEquals(201, send(app.port, "PUT", "/v1/clients/" + id, Api.client("never", "America/Chicago")).statusCode());
                    HttpResponse<String> answer = send(app.port, "POST", "/v1/decisions", decision(id));
                    JsonNode a = JSON.readTree(answer.body());
                    if (answer.statusCode() != 200 || !a.path("experiment").isMissingNode() || !"never".equals(a.path("policy").asText())) {
                        wrong.add(state + ": created again, it was answered " + answer.statusCode() + " " + answer.body());
                    }
                }
            }
            int seen = checked;
            assertTrue(wrong.isEmpty(), () -> wrong.size() + " problems among the " + seen + " clients with a started experiment:\n"
                    + String.join("\n", wrong));
            assertTrue(gone >= 20, "deleted clients checked: " + gone);
        }
    }

    private void work(int port, int thread, Map<String, Track> tracks, AtomicInteger deleted, AtomicBoolean stop)
            throws IOException, InterruptedException {
        for (int i = 0; !stop.get(); i++) {
            String id = "k" + thread + "-" + i;
            Track x = new Track();
            tracks.put(id, x);
            String[][] steps = {
                    {"PUT", "/v1/clients/" + id, Api.client("always", "America/Chicago")},
                    {"PUT", "/v1/clients/" + id + "/experiments/e", EXPERIMENT},
                    {"POST", "/v1/clients/" + id + "/experiments/e/start", null},
                    {"DELETE", "/v1/clients/" + id, null}};
            for (int s = 0; s < steps.length && !stop.get(); s++) {
                x.inFlight = true;
                // an IOException ends the load: the service died, and this step stays in flight
                int status = send(port, steps[s][0], steps[s][1], steps[s][2]).statusCode();
                if (status / 100 != 2) {
                    throw new AssertionError(steps[s][0] + " " + steps[s][1] + " answered " + status);
                }
                x.acknowledged = s + 1;
                x.inFlight = false;
            }
            if (x.acknowledged == 4) {
                deleted.incrementAndGet();
            }
        }
    }

    private static String decision(String clientId) {
        return "{\"clientId\": \"" + clientId + "\", \"prospect\": {\"id\": \"p-1\"}, \"call\": {\"remainingAttemptsToday\": 0},"
                + " \"attempts\": []}";
    }

    private HttpResponse<String> send(int port, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + Api.KEY);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
