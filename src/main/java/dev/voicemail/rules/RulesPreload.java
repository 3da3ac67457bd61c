package dev.voicemail.rules;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import dev.voicemail.startup.EarlyConfig;

/**
 * Loads the rules on a thread of its own while Quarkus boots (JVM, configuration, database
 * migrations), so that the two overlap instead of following each other. Started by the packaged
 * application's main before Quarkus runs, from the configuration it can read there ({@link EarlyConfig}:
 * system properties, environment, the shipped application.properties); {@link RulesRegistry} uses the result only when those are the
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
        RulesConfig config;
        try {
            config = EarlyConfig.mapping(RulesConfig.class);
        } catch (RuntimeException e) {
            LOG.debugf("Not preloading the rules: %s (the service reports its configuration itself)", e.toString());
            return;
        }
        if (result != null || !config.preload()) {
            return;
        }
        rulesDir = normal(config.dir());
        cacheDir = config.cacheDir().map(RulesPreload::normal).orElse(null);
        int trials = config.warmupDecisions();
        TrialBudget budget = TrialBudget.of(config);
        CompletableFuture<Loaded> future = new CompletableFuture<>();
        result = future;
        int trialCount = trials;
        Thread t = new Thread(() -> {
            try {
                RulesCompiler compiler = new RulesCompiler(cacheDir == null ? null : CompiledRulesCache.in(cacheDir));
                RuleSet loaded = compiler.compile(RulesDirectory.read(rulesDir));
                long tried = System.nanoTime();
                List<RuleError> failures = budget.run(loaded, null, trialCount);
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

    private static Path normal(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
