package dev.voicemail.authoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs the service on a throw-away copy of rules/ (which tests may edit) and a database of its own,
 * watching with a short debounce.
 */
public class TempRulesProfile implements QuarkusTestProfile {

    // A system property, not a static field: Quarkus may load this class in more than one class loader.
    private static final String COPY = "voicemail.test.rules-copy";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "voicemail.rules.dir", rulesCopy(COPY).toString(),
                "voicemail.data.dir", "target/test-data-live-reload",
                "voicemail.rules.watch", "true",
                "voicemail.rules.debounce", "150ms");
    }

    /** The same without watching: only POST /v1/rules/reload loads changes. */
    public static class NotWatching implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "voicemail.rules.dir", rulesCopy(COPY + ".not-watching").toString(),
                    "voicemail.data.dir", "target/test-data-not-watching",
                    "voicemail.rules.watch", "false");
        }
    }

    static synchronized Path rulesCopy(String property) {
        String existing = System.getProperty(property);
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            Path target = Files.createTempDirectory("voicemail-rules-");
            copyTree(Path.of("rules"), target);
            System.setProperty(property, target.toString());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text of a policy that always hangs up, declared as {@code <Type>Policy} in
     * {@code package policies.<pkg>}: for tests that add a policy, use it, then take it away.
     */
    public static String hangUpPolicy(String pkg, String type, String why) {
        return """
                package policies.%1$s;

                import dev.voicemail.facts.Decision;

                declare %2$sPolicy
                    @policy("%3$s")
                end

                rule "the %1$s policy hangs up"
                    @explanation("%3$s")
                    agenda-group "policy" activation-group "decision"
                when
                    $decision : Decision()
                then
                    modify( $decision ) { setAction( dev.voicemail.facts.Action.HANG_UP ) }
                end
                """.formatted(pkg, type, why);
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
