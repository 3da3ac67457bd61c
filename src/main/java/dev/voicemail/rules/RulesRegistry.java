package dev.voicemail.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    private final RulesCompiler compiler = new RulesCompiler();
    private final AtomicReference<RuleSet> current = new AtomicReference<>();

    private final RulesMetrics metrics;

    public RulesRegistry(@ConfigProperty(name = "voicemail.rules.dir", defaultValue = "rules") Path dir,
                         RulesMetrics metrics) {
        this.dir = dir;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            RuleSet loaded = compiler.compile(RulesCompiler.readDirectory(dir));
            current.set(loaded);
            metrics.loaded(loaded);
            LOG.infof("Loaded rules %s from %s: policies %s", loaded.version(), dir.toAbsolutePath(),
                    loaded.policies().keySet());
        } catch (RulesCompileException e) {
            LOG.error(e.getMessage());
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read rules directory " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
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
