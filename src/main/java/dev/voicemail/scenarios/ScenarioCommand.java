package dev.voicemail.scenarios;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import dev.voicemail.rules.CompiledRulesCache;
import dev.voicemail.rules.RuleError;
import dev.voicemail.rules.RuleSet;
import dev.voicemail.rules.RulesCompileException;
import dev.voicemail.rules.RulesCompiler;
import dev.voicemail.rules.RulesDirectory;

/**
 * {@code java -jar quarkus-run.jar test [rules-dir]}: compiles a rules directory and runs its
 * scenario files, without an HTTP server or a database. Exit status 0 when every case passes, 1 when
 * a case fails, 2 when the rules do not compile or the command is misused. Policies compiled by an
 * earlier run are reused from the user's cache directory unless {@code --no-cache} is given.
 */
public final class ScenarioCommand {

    public static final String NAME = "test";

    private ScenarioCommand() {
    }

    /** @param args the arguments after {@code test} */
    public static int run(List<String> args, PrintStream out) {
        List<String> rest = new ArrayList<>(args);
        boolean useCache = !rest.remove("--no-cache");
        if (rest.size() > 1 || (rest.size() == 1 && rest.get(0).startsWith("-"))) {
            out.println("usage: java -jar quarkus-run.jar test [--no-cache] [rules-directory]   (default: rules)");
            return 2;
        }
        Path dir = Path.of(rest.isEmpty() ? "rules" : rest.get(0));
        if (!Files.isDirectory(dir)) {
            out.println("ERROR no rules directory " + dir.toAbsolutePath());
            return 2;
        }
        RuleSet rules;
        List<Path> files;
        try {
            rules = new RulesCompiler(useCache ? CompiledRulesCache.in(cacheDir()) : null)
                    .compile(RulesDirectory.read(dir));
            files = ScenarioRunner.files(dir);
        } catch (RulesCompileException e) {
            out.println("ERROR the rules in " + dir + " do not compile:");
            for (RuleError error : e.errors()) {
                out.println("  " + error);
            }
            return 2;
        } catch (IOException e) {
            out.println("ERROR cannot read " + dir + ": " + e.getMessage());
            return 2;
        }
        out.println("Rules " + dir + " (" + rules.version() + "), policies " + new TreeSet<>(rules.policies().keySet()));
        if (files.isEmpty()) {
            out.println("ERROR no scenario files in " + dir.resolve(ScenarioRunner.TESTS) + " (*.yaml)");
            return 2;
        }
        ScenarioRunner runner = new ScenarioRunner();
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            for (ScenarioResult result : runner.run(rules, dir, file)) {
                if (result.passed()) {
                    passed++;
                    out.println("PASS " + result.title());
                } else {
                    failed++;
                    out.println("FAIL " + result.title() + ": " + result.failure());
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    /**
     * Where policies compiled by an earlier run are kept, so that after an edit only the edited policy
     * compiles (compiling is most of a cold run). The user's own cache directory: its entries run as code,
     * so it must be no more writable than the rules themselves (not a shared temporary directory).
     */
    static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("voicemail-decisions").resolve("rules-cache");
    }
}
