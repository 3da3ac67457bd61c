package dev.voicemail.rules;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Keeps the rule set in step with the rules directory while requests are being decided.
 *
 * <p>Every compile (reload or validation) runs on one background thread, never on a request thread,
 * and one at a time, so a burst of edits costs one compile and validations cannot starve the CPU.
 * A new rule set is checked (compiles, still defines every policy some client uses, decides trial
 * requests without failing), warmed, and only then swapped in; anything wrong keeps the last good
 * set deciding and is reported as {@link #lastError()}.
 */
@ApplicationScoped
public class RulesReloader {

    private static final Logger LOG = Logger.getLogger(RulesReloader.class);
    private static final int MAX_PENDING_VALIDATIONS = 4;

    /** The last load that failed: when, and every error. */
    @Schema(description = "Why the last load failed, and when.")
    public record LoadError(@Schema(required = true) Instant at, @Schema(required = true) List<RuleError> errors) {
    }

    /**
     * What a reload did.
     *
     * @param loaded  true when {@code rules} is deciding now (newly swapped in, or unchanged)
     * @param changed true when a new rule set was swapped in
     */
    public record Result(boolean loaded, boolean changed, RuleSet rules, List<RuleError> errors) {
    }

    /** A rule set compiled from submitted files and tried, never loaded: {@code rules} is null when there are errors. */
    public record Candidate(RuleSet rules, List<RuleError> errors) {
    }

    private final RulesRegistry registry;
    private final PoliciesInUse inUse;
    private final boolean watch;
    private final int warmupDecisions;
    /** Trial decisions run on a thread of their own, stopped past this budget: a rule may loop for ever. */
    private final TrialBudget trials;
    private final ReloadQueue queue;
    private final RulesWatcher watcher;

    private volatile LoadError lastError;
    /** Sources of the rule set that decides; validation compiles submitted files over these. */
    private volatile SortedMap<String, String> sources;

    public RulesReloader(RulesRegistry registry, jakarta.enterprise.inject.Instance<PolicyUsage> users, RulesConfig config) {
        this.registry = registry;
        this.inUse = new PoliciesInUse(users.stream().toList());
        this.watch = config.watch();
        this.warmupDecisions = config.warmupDecisions();
        this.trials = TrialBudget.of(config);
        this.queue = new ReloadQueue(this::reloadNow,
                () -> new Result(false, false, registry.current(), ReloadQueue.shuttingDown()), MAX_PENDING_VALIDATIONS);
        this.watcher = new RulesWatcher(registry.directory(), config.debounce(), queue);
    }

    /** After the registry has loaded the start-up rule set (its observer has the default priority). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        RuleSet current = registry.current();
        List<RuleError> failures = registry.startupTrials(warmupDecisions).orElseGet(() -> { // run while Quarkus started, if they were
            long started = System.nanoTime();
            List<RuleError> found = trials.run(current, null, warmupDecisions);
            LOG.infof("Trial decisions under every policy took %d ms", (System.nanoTime() - started) / 1_000_000);
            return found;
        });
        if (!failures.isEmpty()) {
            throw new IllegalStateException(new RulesCompileException(failures).getMessage());
        }
        // watch first, then compare: an edit made since the registry read the files is not missed
        if (watch) {
            watcher.start();
        } else {
            LOG.infof("Not watching %s (voicemail.rules.watch=false): reload with POST /v1/rules/reload",
                    registry.directory().toAbsolutePath());
        }
        try {
            SortedMap<String, String> files = RulesDirectory.read(registry.directory());
            if (RulesDirectory.digest(files).equals(current.version())) {
                sources = files;
            } else {
                requestReload(); // edited during start-up
            }
        } catch (IOException e) {
            LOG.warnf("Cannot re-read %s: %s", registry.directory(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        watcher.stop();
        queue.stop();
    }

    public LoadError lastError() {
        return lastError;
    }

    public boolean watching() {
        return watcher.watching();
    }

    /**
     * Reloads the rules directory on the reload thread. A request made while another is waiting to
     * start shares its result: both would read the same files. Each caller gets a future of its own.
     */
    public CompletableFuture<Result> requestReload() {
        return queue.requestReload();
    }

    /**
     * Compiles {@code submitted} over the sources of the rule set that decides (a file of the same
     * path replaces the current one) and runs trial decisions; loads nothing.
     *
     * @return the errors, empty when the files are valid; empty (no future) when too many validations are waiting
     */
    public Optional<CompletableFuture<List<RuleError>>> validate(Map<String, String> submitted) {
        return candidate(submitted).map(candidate -> candidate.thenApply(Candidate::errors));
    }

    /**
     * What {@link #validate} does, keeping the compiled rule set (the decision log's impact analysis
     * replays decisions on it, through {@link #runConfined}).
     *
     * @return empty when too many validations are waiting
     */
    public Optional<CompletableFuture<Candidate>> candidate(Map<String, String> submitted) {
        return queue.validation(() -> {
            try {
                SortedMap<String, String> files = new TreeMap<>(currentSources());
                files.putAll(submitted);
                RuleSet compiled = registry.compiler().compileCandidate(files);
                List<RuleError> errors = trials.run(compiled, registry.current(), Math.min(warmupDecisions, 24));
                return new Candidate(errors.isEmpty() ? compiled : null, errors);
            } catch (RulesCompileException e) {
                return new Candidate(null, e.errors());
            } catch (IOException e) {
                return new Candidate(null, List.of(new RuleError(null, 0, 0, "cannot read the rules directory: " + e.getMessage())));
            } catch (RuntimeException e) {
                LOG.error("Validation failed", e);
                return new Candidate(null, List.of(new RuleError(null, 0, 0, "validation failed: " + e)));
            }
        }, () -> new Candidate(null, ReloadQueue.shuttingDown()));
    }

    /**
     * Runs work that decides on a rule set that was never loaded (a {@link Candidate}'s) where a rule
     * that never ends is stopped: on a thread of its own, within {@code budget}.
     *
     * @throws RulesCompileException naming the rule that ran past the budget
     */
    public <T> T runConfined(RuleSet rules, Supplier<T> work, Duration budget) throws RulesCompileException {
        return TrialBudget.runBounded(rules, work, budget);
    }

    private SortedMap<String, String> currentSources() throws IOException {
        SortedMap<String, String> s = sources;
        return s != null ? s : RulesDirectory.read(registry.directory());
    }

    /** Runs on the reload thread only. */
    private Result reloadNow() {
        long changedAt = watcher.takeFirstChange();
        try {
            SortedMap<String, String> files;
            try {
                files = RulesDirectory.read(registry.directory());
            } catch (IOException e) {
                return failed(List.of(new RuleError(null, 0, 0, "cannot read the rules directory: " + e.getMessage())));
            }
            RuleSet current = registry.current();
            if (current != null && RulesDirectory.digest(files).equals(current.version())) {
                sources = files;
                clearError(); // the files are back to the rule set that decides
                return new Result(true, false, current, List.of());
            }
            long started = System.nanoTime();
            RuleSet next;
            try {
                next = registry.compiler().compile(files);
            } catch (RulesCompileException e) {
                return failed(e.errors());
            }
            long compiled = System.nanoTime();
            List<RuleError> errors = inUse.missingFrom(next);
            if (errors.isEmpty()) {
                errors = trials.run(next, current, warmupDecisions); // also warms the new KieBases
            }
            long warmed = System.nanoTime();
            if (!errors.isEmpty()) {
                return failed(errors);
            }
            registry.swap(next);
            registry.metrics().reloaded();
            sources = files;
            clearError();
            LOG.infof("Loaded rules %s (compiled in %d ms, checked and warmed in %d ms%s): policies %s", next.version(),
                    (compiled - started) / 1_000_000, (warmed - compiled) / 1_000_000,
                    changedAt == 0 ? "" : ", " + (System.nanoTime() - changedAt) / 1_000_000 + " ms after the change",
                    new TreeMap<>(next.policies()).keySet());
            return new Result(true, true, next, List.of());
        } catch (RuntimeException e) {
            LOG.error("Reloading the rules failed", e);
            return failed(List.of(new RuleError(null, 0, 0, "reload failed: " + e)));
        }
    }

    private Result failed(List<RuleError> errors) {
        registry.metrics().reloadFailed();
        lastError = new LoadError(Instant.now(), List.copyOf(errors));
        LOG.errorf("The rules in %s were not loaded; the last good rules (%s) keep deciding:\n  %s",
                registry.directory().toAbsolutePath(), registry.current() == null ? "none" : registry.current().version(),
                errors.stream().map(RuleError::toString).collect(Collectors.joining("\n  ")));
        return new Result(false, false, registry.current(), List.copyOf(errors));
    }

    private void clearError() {
        if (lastError != null) {
            LOG.info("The rules directory loads again; the last error is cleared");
        }
        lastError = null;
    }
}
