package dev.voicemail.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Holds the rule set that decides. A new rule set is swapped in whole (one reference write), so a
 * decision that has read {@link #current()} finishes on the set it started with.
 */
@ApplicationScoped
public class RulesRegistry {

    private static final Logger LOG = Logger.getLogger(RulesRegistry.class);

    private final Path dir;
    private final Path cacheDir;
    private volatile RulesCompiler compiler;
    /** The trial decisions the preload ran on the start-up rule set; null when it did not. */
    private volatile RulesPreload.Loaded preloaded;
    private final AtomicReference<RuleSet> current = new AtomicReference<>();

    private final RulesMetrics metrics;

    /** A registry whose compiler caches compiled policies in memory only. */
    public RulesRegistry(Path dir, RulesMetrics metrics) {
        this(dir, Optional.empty(), metrics);
    }

    /**
     * @param cacheDir where compiled policies are kept across restarts ({@code voicemail.rules.cache-dir};
     *                 by default {@code rules-cache} under the data directory); empty for no such cache
     */
    @Inject
    public RulesRegistry(RulesConfig config, RulesMetrics metrics) {
        this(config.dir(), config.cacheDir(), metrics);
    }

    private RulesRegistry(Path dir, Optional<Path> cacheDir, RulesMetrics metrics) {
        this.dir = dir;
        this.metrics = metrics;
        this.cacheDir = cacheDir.orElse(null);
        this.compiler = new RulesCompiler(cacheDir.map(CompiledRulesCache::in).orElse(null));
    }

    void onStart(@Observes StartupEvent event) {
        try {
            long started = System.nanoTime();
            preloaded = RulesPreload.take(dir, cacheDir);
            RuleSet loaded;
            if (preloaded != null) {
                compiler = preloaded.compiler(); // what it compiled stays in memory for reloads
                loaded = preloaded.rules();
            } else {
                loaded = compiler.compile(RulesDirectory.read(dir));
            }
            current.set(loaded);
            metrics.loaded(loaded);
            LOG.infof("Loaded rules %s from %s %s %d ms (%d policies compiled, %d from the compiled-rules cache):"
                    + " policies %s", loaded.version(), dir.toAbsolutePath(),
                    preloaded != null ? "while Quarkus started, then waited" : "in", (System.nanoTime() - started) / 1_000_000,
                    compiler.compiledCount(), compiler.loadedFromCacheCount(), loaded.policies().keySet());
        } catch (RulesCompileException e) {
            LOG.error(e.getMessage());
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read rules directory " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * What the trial decisions found on the start-up rule set (empty: all passed) when they ran while
     * Quarkus started, if they ran at least {@code decisions} per policy; empty when they still have to run.
     */
    Optional<List<RuleError>> startupTrials(int decisions) {
        RulesPreload.Loaded p = preloaded;
        preloaded = null;
        if (p == null || p.rules() != current() || p.trialDecisions() < decisions) {
            return Optional.empty();
        }
        LOG.infof("Trial decisions ran while Quarkus started (%d ms)", p.trialMillis());
        return Optional.of(p.trialFailures());
    }

    public RuleSet current() {
        return current.get();
    }

    public Path directory() {
        return dir;
    }

    public RulesCompiler compiler() {
        return compiler;
    }

    /** Makes {@code next} the rule set that decides from now on. */
    public void swap(RuleSet next) {
        current.set(next);
        metrics.loaded(next);
    }

    RulesMetrics metrics() {
        return metrics;
    }
}
