package dev.voicemail.rules;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Why the last load failed, and when.")
    public record LoadError(@org.eclipse.microprofile.openapi.annotations.media.Schema(required = true) Instant at,
                            @org.eclipse.microprofile.openapi.annotations.media.Schema(required = true) List<RuleError> errors) {
    }

    /**
     * What a reload did.
     *
     * @param loaded  true when {@code rules} is deciding now (newly swapped in, or unchanged)
     * @param changed true when a new rule set was swapped in
     */
    public record Result(boolean loaded, boolean changed, RuleSet rules, List<RuleError> errors) {
    }

    private final RulesRegistry registry;
    private final PolicyUsage clients;
    private final boolean watch;
    private final Duration debounce;
    private final int warmupDecisions;
    /** Trial decisions run on a thread of their own, stopped past this budget: a rule may loop for ever. */
    private final TrialBudget trials;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rules-reload");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger pendingValidations = new AtomicInteger();

    private volatile LoadError lastError;
    /** Sources of the rule set that decides; validation compiles submitted files over these. */
    private volatile SortedMap<String, String> sources;
    private CompletableFuture<Result> queued; // guarded by this: a reload asked for and not yet started
    private ScheduledFuture<?> debounced;     // guarded by this
    private long firstChange;                 // guarded by this: nanoTime of the first change not yet loaded, 0 if none
    private volatile WatchService watchService;

    public RulesReloader(RulesRegistry registry, PolicyUsage clients,
                         @ConfigProperty(name = "voicemail.rules.watch", defaultValue = "true") boolean watch,
                         @ConfigProperty(name = "voicemail.rules.debounce", defaultValue = "300ms") Duration debounce,
                         @ConfigProperty(name = "voicemail.rules.warmup-decisions", defaultValue = "300") int warmupDecisions,
                         @ConfigProperty(name = "voicemail.rules.trial-budget", defaultValue = "5s") Duration trialTime,
                         @ConfigProperty(name = "voicemail.rules.trial-allocation-mb", defaultValue = "64") int trialAllocationMb) {
        this.registry = registry;
        this.clients = clients;
        this.watch = watch;
        this.debounce = debounce;
        this.warmupDecisions = warmupDecisions;
        this.trials = new TrialBudget(trialTime, trialAllocationMb * 1024L * 1024L);
    }

    /** After the registry has loaded the start-up rule set (its observer has the default priority). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        RuleSet current = registry.current();
        List<RuleError> failures = registry.startupTrials(warmupDecisions); // run while Quarkus started, if they were
        if (failures == null) {
            long started = System.nanoTime();
            failures = trials.run(current, null, warmupDecisions);
            LOG.infof("Trial decisions under every policy took %d ms", (System.nanoTime() - started) / 1_000_000);
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(new RulesCompileException(failures).getMessage());
        }
        // watch first, then compare: an edit made since the registry read the files is not missed
        if (watch) {
            startWatching();
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
        WatchService ws = watchService;
        watchService = null;
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException e) {
                LOG.debug("closing the watch service", e);
            }
        }
        worker.shutdownNow();
    }

    public LoadError lastError() {
        return lastError;
    }

    public boolean watching() {
        return watchService != null;
    }

    /**
     * Reloads the rules directory on the reload thread. A request made while another is waiting to
     * start shares its result: both would read the same files.
     */
    public synchronized CompletableFuture<Result> requestReload() {
        if (queued != null) {
            return queued.copy(); // each caller its own: one that cancels (a client gone) must not cancel the others
        }
        CompletableFuture<Result> future = new CompletableFuture<>();
        queued = future;
        try {
            worker.execute(() -> {
                synchronized (this) {
                    if (queued == future) {
                        queued = null;
                    }
                }
                future.complete(reloadNow());
            });
        } catch (RejectedExecutionException e) {
            queued = null;
            future.complete(new Result(false, false, registry.current(),
                    List.of(new RuleError(null, 0, 0, "the service is shutting down"))));
        }
        return future.copy();
    }

    /**
     * Compiles {@code submitted} over the sources of the rule set that decides (a file of the same
     * path replaces the current one) and runs trial decisions; loads nothing.
     *
     * @return the errors, empty when the files are valid; null when too many validations are waiting
     */
    public CompletableFuture<List<RuleError>> validate(Map<String, String> submitted) {
        CompletableFuture<Candidate> candidate = candidate(submitted);
        return candidate == null ? null : candidate.thenApply(Candidate::errors);
    }

    /** A rule set compiled from submitted files and tried, never loaded: {@code rules} is null when there are errors. */
    public record Candidate(RuleSet rules, List<RuleError> errors) {
    }

    /**
     * What {@link #validate} does, keeping the compiled rule set (the decision log's impact analysis
     * replays decisions on it, through {@link #runConfined}).
     *
     * @return null when too many validations are waiting
     */
    public CompletableFuture<Candidate> candidate(Map<String, String> submitted) {
        if (pendingValidations.incrementAndGet() > MAX_PENDING_VALIDATIONS) {
            pendingValidations.decrementAndGet();
            return null;
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    SortedMap<String, String> files = new TreeMap<>(currentSources());
                    files.putAll(submitted);
                    RuleSet compiled = registry.compiler().compile(files);
                    List<RuleError> errors = trials.run(compiled, registry.current(), Math.min(warmupDecisions, 24));
                    return new Candidate(errors.isEmpty() ? compiled : null, errors);
                } catch (RulesCompileException e) {
                    return new Candidate(null, e.errors());
                } catch (IOException e) {
                    return new Candidate(null, List.of(new RuleError(null, 0, 0, "cannot read the rules directory: " + e.getMessage())));
                } catch (RuntimeException e) {
                    LOG.error("Validation failed", e);
                    return new Candidate(null, List.of(new RuleError(null, 0, 0, "validation failed: " + e)));
                } finally {
                    pendingValidations.decrementAndGet();
                }
            }, worker);
        } catch (RejectedExecutionException e) {
            pendingValidations.decrementAndGet();
            return CompletableFuture.completedFuture(new Candidate(null, List.of(new RuleError(null, 0, 0, "the service is shutting down"))));
        }
    }

    /**
     * Runs work that decides on a rule set that was never loaded (a {@link Candidate}'s) where a rule
     * that never ends is stopped: on a thread of its own, within {@code budget}.
     *
     * @throws RulesCompileException naming the rule that ran past the budget
     */
    public <T> T runConfined(RuleSet rules, java.util.function.Supplier<T> work, Duration budget) throws RulesCompileException {
        return TrialBudget.runBounded(rules, work, budget);
    }

    private SortedMap<String, String> currentSources() throws IOException {
        SortedMap<String, String> s = sources;
        return s != null ? s : RulesDirectory.read(registry.directory());
    }

    /** Runs on the reload thread only. */
    private Result reloadNow() {
        long changedAt;
        synchronized (this) {
            changedAt = firstChange;
            firstChange = 0;
        }
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
            List<RuleError> errors = missingPolicies(next);
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

    /** A policy that clients use must not disappear under them: their decisions would fail. */
    private List<RuleError> missingPolicies(RuleSet next) {
        Map<String, List<String>> byPolicy;
        try {
            byPolicy = clients.clientsByPolicy();
        } catch (RuntimeException e) {
            return List.of(new RuleError(null, 0, 0, "cannot check which policies clients use, so the rules are not"
                    + " loaded: " + e.getMessage()));
        }
        List<RuleError> errors = new ArrayList<>();
        byPolicy.forEach((policy, users) -> {
            if (next.policy(policy) == null) {
                errors.add(RuleError.missingPolicy(RulesCompiler.POLICIES + policy + ".drl", policy, users));
            }
        });
        return errors;
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

    // --- Watching -------------------------------------------------------------------------------

    private void startWatching() {
        Path dir = registry.directory();
        try {
            WatchService ws = dir.getFileSystem().newWatchService();
            watchService = ws;
            registerTree(ws, dir);
            Thread t = new Thread(() -> watchLoop(ws), "rules-watch");
            t.setDaemon(true);
            t.start();
            LOG.infof("Watching %s for rule changes (debounce %d ms)", dir.toAbsolutePath(), debounce.toMillis());
        } catch (IOException e) {
            LOG.warnf("Cannot watch %s (%s): reload with POST /v1/rules/reload", dir.toAbsolutePath(), e.getMessage());
        }
    }

    /** Watches {@code root} and its folders, as {@link RulesDirectory#read} reads them (links followed, hidden skipped). */
    private void registerTree(WatchService ws, Path root) throws IOException {
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), 32, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(registry.directory()) && RulesDirectory.hidden(d)) {
                    return FileVisitResult.SKIP_SUBTREE; // e.g. a ConfigMap's ..2026_11_22_... version folder
                }
                d.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path p, IOException e) {
                return FileVisitResult.CONTINUE; // a link loop, or a file gone meanwhile
            }
        });
    }

    private void watchLoop(WatchService ws) {
        Path root = registry.directory();
        boolean rootWatched = true;
        while (watchService == ws) {
            try {
                WatchKey key = ws.poll(1, TimeUnit.SECONDS);
                if (key == null) {
                    if (!rootWatched && Files.isDirectory(root)) { // the directory was replaced: watch the new one
                        registerTree(ws, root);
                        rootWatched = true;
                        changed();
                    }
                    continue;
                }
                Path parent = (Path) key.watchable();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
                        Path child = parent.resolve(name);
                        if (Files.isDirectory(child)) {
                            registerTree(ws, child); // a new folder: its files count too
                        }
                    }
                }
                if (!key.reset() && parent.equals(root)) {
                    rootWatched = false;
                }
                changed();
            } catch (ClosedWatchServiceException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Watching %s: %s", root, e.toString()); // a folder vanished while registering: go on
            }
        }
    }

    /** Reloads once the changes settle: an editor's save or a git checkout is many events. */
    private synchronized void changed() {
        if (firstChange == 0) {
            firstChange = System.nanoTime();
        }
        if (debounced != null) {
            debounced.cancel(false);
        }
        try {
            debounced = worker.schedule(this::requestReload, debounce.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }
}
