package dev.voicemail.rules;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

/**
 * Loads the rules on a thread of its own while Quarkus boots (JVM, configuration, database
 * migrations), so that the two overlap instead of following each other. Started by the packaged
 * application's main before Quarkus runs, from the settings it can see there (system properties,
 * environment, the shipped defaults); {@link RulesRegistry} uses the result only when those are the
 * directories it is configured with, and otherwise (or on any failure) loads as usual, so errors are
 * reported exactly as without it. The trial decisions run there too, on the loaded rule set, before
 * anything else can use it. {@code voicemail.rules.preload=false} (or VOICEMAIL_RULES_PRELOAD=false)
 * turns it off.
 */
public final class RulesPreload {

    private static final Logger LOG = Logger.getLogger(RulesPreload.class);

    /**
     * @param trialFailures what the trial decisions found, run on {@code rules} before anything else
     *                      could use them (empty: all passed)
     * @param trialMillis   how long the trial decisions took
     */
    record Loaded(RulesCompiler compiler, RuleSet rules, int trialDecisions, List<RuleError> trialFailures,
                  long trialMillis) {
    }

    private static volatile Path rulesDir;
    private static volatile Path cacheDir;
    private static volatile CompletableFuture<Loaded> result;

    private RulesPreload() {
    }

    /** Starts loading, from the directories main can tell (see the class comment). */
    public static synchronized void start() {
        if (result != null || "false".equalsIgnoreCase(setting("voicemail.rules.preload", "true").strip())) {
            return;
        }
        Path rules = Path.of(setting("voicemail.rules.dir", "rules"));
        String cache = setting("voicemail.rules.cache-dir", null);
        if (cache == null) {
            cache = Path.of(setting("voicemail.data.dir", "data")).resolve("rules-cache").toString();
        }
        rulesDir = normal(rules);
        cacheDir = cache.isBlank() ? null : normal(Path.of(cache));
        int trials;
        try {
            trials = Integer.parseInt(setting("voicemail.rules.warmup-decisions", "300").strip());
        } catch (NumberFormatException e) {
            trials = 300; // the service reports the bad setting itself
        }
        CompletableFuture<Loaded> future = new CompletableFuture<>();
        result = future;
        int trialCount = trials;
        Thread t = new Thread(() -> {
            try {
                RulesCompiler compiler = new RulesCompiler(cacheDir == null ? null : CompiledRulesCache.in(cacheDir));
                RuleSet loaded = compiler.compile(RulesDirectory.read(rulesDir));
                long tried = System.nanoTime();
                List<RuleError> failures = TrialBudget.fromSettings(RulesPreload::setting).run(loaded, null, trialCount);
                future.complete(new Loaded(compiler, loaded, trialCount, failures, (System.nanoTime() - tried) / 1_000_000));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "rules-preload");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The preloaded rules, when the preload ran for these directories and succeeded; null otherwise
     * (the caller then loads them itself). Waits for the preload to finish.
     */
    static Loaded take(Path rules, Path cache) {
        CompletableFuture<Loaded> future = result;
        if (future == null) {
            return null;
        }
        result = null;
        if (!normal(rules).equals(rulesDir) || !Objects.equals(cache == null ? null : normal(cache), cacheDir)) {
            LOG.debugf("Preloaded rules not used: loaded from %s (cache %s), configured %s (cache %s)", rulesDir, cacheDir,
                    rules, cache);
            return null;
        }
        try {
            return future.join();
        } catch (RuntimeException e) {
            LOG.debugf("Preloading the rules failed (%s): loading them again to report it", e.toString());
            return null;
        }
    }

    /** A system property, else its environment variable (MicroProfile's mapping), else the default. */
    private static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return value != null ? value : fallback;
    }

    private static Path normal(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
