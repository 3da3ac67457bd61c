package dev.voicemail.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.AppProcess;
import dev.voicemail.testing.ServicePostgres;


/**
 * Acknowledged means durable, on the embedded default (H2) and on PostgreSQL: the packaged service, written to by
 * several threads, is killed with SIGKILL at an arbitrary moment; after a restart on the same data
 * directory every client holds the last write that was answered 2xx (or the one in flight, which
 * had no answer). The data files are the service user's alone.
 */
class AcknowledgedWritesIT {

    private static final Path RULES = Path.of("rules");
    private static final int THREADS = 4;
    private static final int CLIENTS_PER_THREAD = 5;
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");

    /** What a client may hold after the restart: the last acknowledged state, or the one in flight. */
    private static final class Expected {
        volatile String acknowledged; // a name, or null for "absent"
        volatile String inFlight;     // a name, "<deleted>" or null when nothing was in flight
        volatile boolean inFlightSet;
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillOnH2(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        writeKillRestartCheck(data, Map.of());
        assertOwnerOnly(data);
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillOnPostgres(@TempDir Path tmp) throws Exception {
        try (ServicePostgres pg = ServicePostgres.start(tmp.resolve("pg"))) {
            writeKillRestartCheck(tmp.resolve("data"), pg.env());
        }
    }

    private void writeKillRestartCheck(Path data, Map<String, String> env) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Map<String, Expected> expected = new ConcurrentHashMap<>();
        AtomicInteger acknowledged = new AtomicInteger();
        try (AppProcess app = AppProcess.start(RULES, data, env)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(90)), () -> "service did not start");
            // enough writes to prove something, then a kill at a moment unrelated to H2's write cycle
            app.killWhileLoading(java.util.Collections.nCopies(THREADS, (thread, stop) -> write(http, app.port, thread, expected,
                    acknowledged, stop)), () -> acknowledged.get() >= 300);
        }
        assertTrue(acknowledged.get() > 100, () -> "too few writes to prove anything: " + acknowledged.get());

        try (AppProcess app = AppProcess.start(RULES, data, env)) {
            assertTrue(app.awaitReady(Duration.ofSeconds(90)), () -> "service did not restart");
            List<String> lost = new ArrayList<>();
            for (Map.Entry<String, Expected> e : expected.entrySet()) {
                HttpResponse<String> r = http.send(get(app.port, e.getKey()), HttpResponse.BodyHandlers.ofString());
                String now = r.statusCode() == 404 ? null : name(r.body());
                Expected x = e.getValue();
                boolean ok = eq(now, x.acknowledged)
                        || x.inFlightSet && eq(now, "<deleted>".equals(x.inFlight) ? null : x.inFlight);
                if (!ok) {
                    lost.add(e.getKey() + ": has " + now + ", last acknowledged " + x.acknowledged
                            + (x.inFlightSet ? ", in flight " + x.inFlight : ""));
                }
            }
            assertTrue(lost.isEmpty(), () -> lost.size() + " of " + expected.size() + " clients lost acknowledged writes ("
                    + acknowledged.get() + " writes acknowledged):\n" + String.join("\n", lost));
        }
    }

    private static void write(HttpClient http, int port, int thread, Map<String, Expected> expected,
                              AtomicInteger acknowledged, AtomicBoolean stop) {
        for (int seq = 0; !stop.get(); seq++) {
            String id = "t" + thread + "-c" + (seq % CLIENTS_PER_THREAD);
            Expected x = expected.computeIfAbsent(id, k -> new Expected());
            boolean delete = seq % 7 == 3;
            String name = "n-" + thread + "-" + seq;
            x.inFlight = delete ? "<deleted>" : name;
            x.inFlightSet = true;
            try {
                HttpRequest request = delete
                        ? base(port, id).DELETE().build()
                        : base(port, id).header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(body(name))).build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2 || delete && status == 404) {
                    x.acknowledged = delete ? null : name;
                    x.inFlightSet = false;
                    if (status / 100 == 2) {
                        acknowledged.incrementAndGet();
                    }
                } else {
                    throw new AssertionError("unexpected answer " + status + " to a write of " + id);
                }
            } catch (IOException e) {
                return; // the service died: this write stays "in flight", answered by nobody
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void assertOwnerOnly(Path data) throws IOException {
        Set<PosixFilePermission> dir = Files.getPosixFilePermissions(data);
        assertEquals("rwx------", PosixFilePermissions.toString(dir), "data directory " + data);
        List<Path> dbFiles;
        try (Stream<Path> files = Files.list(data)) {
            dbFiles = files.filter(f -> f.getFileName().toString().startsWith("voicemail.")).toList();
        }
        assertTrue(dbFiles.stream().anyMatch(f -> f.getFileName().toString().equals("voicemail.mv.db")), () -> "no H2 file in " + data);
        for (Path f : dbFiles) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
    }

    private static HttpRequest.Builder base(int port, String id) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/clients/" + id))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + Api.KEY);
    }

    private static HttpRequest get(int port, String id) {
        return base(port, id).GET().build();
    }

    private static String body(String name) {
        return "{\"name\": \"" + name + "\", \"policy\": \"always\", \"parameters\": {}}";
    }

    private static String name(String json) {
        Matcher m = NAME.matcher(json);
        return m.find() ? m.group(1) : "<unreadable: " + json + ">";
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
