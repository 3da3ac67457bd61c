package dev.voicemail.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/start.sh and scripts/build.sh say what they are doing while a build runs (issue 17: the first
 * start printed nothing for about 70 s). The real scripts run in a copy of the checkout whose build
 * steps (scripts/build.sh for start.sh; ./mvnw and scripts/cds.sh for build.sh) are stand-ins that
 * write to the same transcript as the script's own messages: the transcript's order is the order in
 * which a person watching would have seen them, without a nested minute-long Maven build.
 */
class StartScriptTest {

    @TempDir
    Path checkout;

    private Path transcript;

    private void copy(String script) throws IOException {
        Path to = checkout.resolve(script);
        Files.createDirectories(to.getParent());
        Files.copy(Path.of(script), to);
        executable(to);
    }

    /** A build step that notes in the transcript that it runs, then ends with {@code exit}. */
    private void standIn(String path, int exit) throws IOException {
        Path to = checkout.resolve(path);
        Files.createDirectories(to.getParent());
        Files.writeString(to, "#!/usr/bin/env bash\necho \"[" + path + " runs: $*]\" >> \"$TRANSCRIPT\"\nexit " + exit + "\n");
        executable(to);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private int run(String script, Map<String, String> env) throws Exception {
        transcript = checkout.resolve("transcript.txt");
        Files.writeString(transcript, "");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "\"$0\" >> \"$TRANSCRIPT\" 2>&1", checkout.resolve(script).toString());
        builder.environment().remove("VOICEMAIL_CDS");
        builder.environment().remove("APP_JAR");
        builder.environment().put("TRANSCRIPT", transcript.toString());
        builder.environment().putAll(env);
        Process p = builder.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), script + " ends");
        return p.exitValue();
    }

    private List<String> lines() throws IOException {
        return Files.readAllLines(transcript);
    }

    @Test
    void startSaysItBuildsBeforeTheBuildRunsAndWhenTheBuildFails() throws Exception {
        copy("scripts/start.sh");
        standIn("scripts/build.sh", 3);
        int exit = run("scripts/start.sh", Map.of("APP_JAR", checkout.resolve("missing/quarkus-run.jar").toString()));
        List<String> lines = lines();
        assertEquals(1, exit, String.join("\n", lines));
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("start.sh: no built service at " + checkout.resolve("missing/quarkus-run.jar")
                + "; building it first"), lines.get(0));
        assertEquals("[scripts/build.sh runs: ]", lines.get(1));
        assertEquals("start.sh: the build failed (its messages are above); nothing was started", lines.get(2));
    }

    @Test
    void startSaysWhenTheBuildIsDoneBeforeStartingTheService() throws Exception {
        copy("scripts/start.sh");
        standIn("scripts/build.sh", 0);
        // the build's stand-in makes no jar: java then refuses it, after start.sh said it starts the service
        run("scripts/start.sh", Map.of("APP_JAR", checkout.resolve("missing/quarkus-run.jar").toString(), "JAVA_OPTS", ""));
        List<String> lines = lines();
        assertTrue(lines.size() >= 3, String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("start.sh: no built service at "), lines.get(0));
        assertEquals("[scripts/build.sh runs: ]", lines.get(1));
        assertEquals("start.sh: built; starting the service", lines.get(2));
    }

    @Test
    void buildNamesEachStepBeforeItRuns() throws Exception {
        copy("scripts/build.sh");
        standIn("mvnw", 0);
        standIn("scripts/cds.sh", 0);
        assertEquals(0, run("scripts/build.sh", Map.of()));
        List<String> lines = lines();
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("build.sh: compiling and packaging with Maven"), lines.get(0));
        assertTrue(lines.get(1).startsWith("[mvnw runs: -B -ntp -q package -DskipTests"), lines.get(1));
        assertTrue(lines.get(2).startsWith("build.sh: packaged target/quarkus-app/quarkus-run.jar; building the class-data sharing archive"),
                lines.get(2));
        assertEquals("[scripts/cds.sh runs: target/quarkus-app rules]", lines.get(3));
        assertEquals("build.sh: built target/quarkus-app", lines.get(4));
    }

    @Test
    void buildSaysWhichStepFailed() throws Exception {
        copy("scripts/build.sh");
        standIn("mvnw", 1);
        standIn("scripts/cds.sh", 0);
        assertEquals(1, run("scripts/build.sh", Map.of()));
        List<String> lines = lines();
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("build.sh: compiling and packaging with Maven"), lines.get(0));
        assertTrue(lines.get(1).startsWith("[mvnw runs:"), lines.get(1));
        assertTrue(lines.get(2).startsWith("build.sh: Maven failed"), lines.get(2));
    }
}
