package dev.voicemail.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.testing.AppProcess;

/**
 * Runs every example of README.md and docs/*.md against the packaged service, in document order, and
 * compares each answer with what the docs show, so that the docs cannot drift.
 *
 * <p>The convention, in the Markdown: a fenced block {@code ```bash example} (or {@code sh example})
 * holds commands run in order: {@code curl} calls and variable assignments ({@code A="..."}, or
 * {@code KEY=$(curl ... | jq -r .key)}). A fenced block {@code ```json answer} (optionally
 * {@code answer status=201}; default 200) right after it is the answer of its last curl: the status
 * must be that, and the body must be the JSON shown: the same fields, no more (whole answers), except
 * where the docs write {@code "…": "…"} (more fields may follow) or a trailing {@code "…"} in an array
 * (more items may follow); a string with {@code …} matches any text there ({@code "sha256:…"}). A curl
 * without an answer block must answer 2xx, or the status its line's comment says ({@code # 204}).
 * Every shell block of these files that calls the service must be an example.
 *
 * <p>A value an earlier answer made (an id, a key) is carried on as a reader's shell would: an example
 * assigns it ({@code ID=$(curl ... | jq -r .decisionId)}) and a later example of the same document uses
 * {@code $ID}. An answer without a body (a 204) is shown as a {@code ```http answer} block: its status
 * line, then the headers that matter, one {@code Name: value} a line, each compared ({@code …} as above);
 * other headers may follow.
 *
 * <p>The service runs with {@code voicemail.decision-log.mode=strict}, so that a decision's log entry can be
 * read as soon as its answer has arrived (docs/decision-log.md's examples read back what they decided;
 * in the default async mode the entry is written a few milliseconds later).
 */
class DocsExamplesIT {

    static final String KEY = "local-admin-key-change-me";
    private static final List<Path> DOCS = docs();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("(?m)^```(\\w+)?([^\\n]*)\\n(.*?)^```\\s*$", Pattern.DOTALL);

    private static AppProcess app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static List<Path> docs() {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return docs;
    }

    @BeforeAll
    static void start() throws Exception {
        app = AppProcess.start(Path.of("rules"), Files.createTempDirectory("docs-it"), "-Dvoicemail.auth.bootstrap-key=" + KEY,
                "-Dvoicemail.decision-log.mode=strict");
        assertTrue(app.awaitReady(Duration.ofSeconds(120)), "the service starts");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    /** A fenced block: its language, the words after it, its text and the line it starts on. */
    record Block(Path file, int line, String language, String info, String text) {
        boolean example() {
            return List.of("bash", "sh").contains(language) && info.strip().startsWith("example");
        }

        boolean answer() {
            return List.of("json", "http").contains(language) && info.strip().startsWith("answer");
        }

        int status() {
            if ("http".equals(language)) {
                Matcher m = Pattern.compile("^HTTP/\\S+ (\\d{3})").matcher(text);
                assertTrue(m.find(), this + ": an http answer starts with its status line");
                return Integer.parseInt(m.group(1));
            }
            Matcher m = Pattern.compile("status=(\\d{3})").matcher(info);
            return m.find() ? Integer.parseInt(m.group(1)) : 200;
        }

        /** The headers an http answer shows, by name. */
        Map<String, String> headers() {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            text.lines().skip(1).filter(l -> !l.isBlank()).forEach(l -> {
                int colon = l.indexOf(':');
                assertTrue(colon > 0, this + ": a header line is 'Name: value': " + l);
                headers.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
            });
            return headers;
        }

        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file);
        List<Block> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            blocks.add(new Block(file, line, m.group(1) == null ? "" : m.group(1), m.group(2), m.group(3)));
        }
        return blocks;
    }

    @Test
    void everyShellBlockThatCallsTheServiceIsAnExample() throws IOException {
        int examples = 0;
        for (Path doc : DOCS) {
            for (Block b : blocks(doc)) {
                if (List.of("bash", "sh").contains(b.language()) && b.text().contains("localhost:8080/")) {
                    assertTrue(b.example(), b + ": a block calling the service is marked ```" + b.language() + " example");
                }
                examples += b.example() ? 1 : 0;
            }
        }
        assertTrue(examples >= 15, "examples found: " + examples);
    }

    @TestFactory
    Stream<DynamicTest> everyExampleAnswersWhatTheDocsShow() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path doc : DOCS) {
            Map<String, String> vars = new HashMap<>(); // each document starts afresh, as a reader would
            List<Block> blocks = blocks(doc);
            for (int i = 0; i < blocks.size(); i++) {
                Block b = blocks.get(i);
                if (!b.example()) {
                    continue;
                }
                Block answer = i + 1 < blocks.size() && blocks.get(i + 1).answer() ? blocks.get(i + 1) : null;
                tests.add(DynamicTest.dynamicTest(b.toString(), () -> run(b, answer, vars)));
            }
        }
        return tests.stream();
    }

    private record Answer(int status, String body, java.net.http.HttpHeaders headers) {
    }

    private void run(Block block, Block expected, Map<String, String> vars) throws Exception {
        List<String> texts = Shell.split(block.text());
        Answer last = null;
        for (int n = 0; n < texts.size(); n++) {
            List<Shell.Command> parsed = Shell.parse(texts.get(n), vars);
            if (parsed.isEmpty()) {
                continue;
            }
            Shell.Command c = parsed.get(0);
            if (c.curl() == null) {
                vars.put(c.variable(), c.value());
                continue;
            }
            last = send(c.curl(), block);
            boolean isLast = texts.subList(n + 1, texts.size()).stream().noneMatch(t -> t.strip().startsWith("curl"));
            if (c.variable() != null) {
                vars.put(c.variable(), jq(c.jq(), last.body(), block));
            }
            if (isLast && expected != null) {
                continue;
            }
            int want = c.commentStatus() != 0 ? c.commentStatus() : -1;
            if (want > 0) {
                assertEquals(want, last.status(), block + ": " + c.curl() + " answers " + want + " as its comment says: " + last.body());
            } else {
                assertTrue(last.status() / 100 == 2, block + ": " + c.curl() + " answers 2xx: " + last.status() + " " + last.body());
            }
        }
        if (expected != null) {
            assertTrue(last != null, block + " has a curl for the answer at " + expected);
            assertEquals(expected.status(), last.status(), expected + ": status; answer was " + last.body());
            if ("http".equals(expected.language())) {
                List<String> problems = new ArrayList<>();
                for (Map.Entry<String, String> h : expected.headers().entrySet()) {
                    String got = last.headers().firstValue(h.getKey()).orElse(null);
                    if (got == null) {
                        problems.add(h.getKey() + ": shown in the docs, missing from the answer");
                    } else {
                        compare(h.getKey(), JSON.getNodeFactory().textNode(h.getValue()), JSON.getNodeFactory().textNode(got), problems);
                    }
                }
                if (!problems.isEmpty()) {
                    fail(expected + ": the answer differs from the docs:\n  " + String.join("\n  ", problems) + "\nheaders: " + last.headers().map());
                }
                return;
            }
            JsonNode shown = JSON.readTree(expected.text());
            JsonNode got = JSON.readTree(last.body());
            List<String> problems = new ArrayList<>();
            compare("$", shown, got, problems);
            if (!problems.isEmpty()) {
                fail(expected + ": the answer differs from the docs:\n  " + String.join("\n  ", problems) + "\nanswer: " + got);
            }
        }
    }

    private Answer send(Shell.Curl curl, Block block) throws IOException, InterruptedException {
        String url = curl.url().replaceFirst("^(http://)?localhost:8080", "http://localhost:" + app.port);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        for (String header : curl.headers()) {
            int colon = header.indexOf(':');
            request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        String method = curl.method() != null ? curl.method() : curl.data() != null ? "POST" : "GET";
        request.method(method, curl.data() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(curl.data()));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers());
    }

    private static String jq(String filter, String body, Block block) throws IOException {
        JsonNode node = JSON.readTree(body);
        for (String part : filter.substring(1).split("\\.")) {
            if (!part.isEmpty()) {
                node = node.path(part);
            }
        }
        assertTrue(node.isValueNode(), block + ": jq " + filter + " finds a value in " + body);
        return node.asText();
    }

    static final String ANY = "…";

    /** {@code shown} is what the docs show; {@code got} the answer. */
    static void compare(String path, JsonNode shown, JsonNode got, List<String> problems) {
        if (shown.isTextual() && shown.asText().equals(ANY)) {
            return;
        }
        if (shown.isObject()) {
            if (!got.isObject()) {
                problems.add(path + ": expected an object, got " + got);
                return;
            }
            boolean more = shown.has(ANY);
            Iterator<String> names = shown.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (name.equals(ANY)) {
                    continue;
                }
                if (!got.has(name)) {
                    problems.add(path + "." + name + ": shown in the docs, missing from the answer");
                } else {
                    compare(path + "." + name, shown.get(name), got.get(name), problems);
                }
            }
            if (!more) {
                got.fieldNames().forEachRemaining(name -> {
                    if (!shown.has(name)) {
                        problems.add(path + "." + name + ": in the answer (" + got.get(name) + "), not shown in the docs");
                    }
                });
            }
            return;
        }
        if (shown.isArray()) {
            if (!got.isArray()) {
                problems.add(path + ": expected an array, got " + got);
                return;
            }
            int n = shown.size();
            boolean more = n > 0 && shown.get(n - 1).isTextual() && shown.get(n - 1).asText().equals(ANY);
            int compared = more ? n - 1 : n;
            if (more ? got.size() < compared : got.size() != n) {
                problems.add(path + ": " + got.size() + " items in the answer, the docs show " + n + (more ? " and more" : ""));
                return;
            }
            for (int i = 0; i < compared; i++) {
                compare(path + "[" + i + "]", shown.get(i), got.get(i), problems);
            }
            return;
        }
        if (shown.isTextual() && shown.asText().contains(ANY) && got.isTextual()) {
            String regex = Stream.of(shown.asText().split(ANY, -1)).map(Pattern::quote)
                    .reduce((a, b) -> a + "(?s:.*)" + b).orElse("");
            if (!got.asText().matches(regex)) {
                problems.add(path + ": " + got + " does not read as the docs' " + shown);
            }
            return;
        }
        if (!shown.equals(got) && !(shown.isNumber() && got.isNumber() && shown.decimalValue().compareTo(got.decimalValue()) == 0)) {
            problems.add(path + ": the docs show " + shown + ", the answer is " + got);
        }
    }
}
