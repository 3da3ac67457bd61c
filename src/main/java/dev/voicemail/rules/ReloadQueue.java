package dev.voicemail.rules;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The one thread every compile runs on, reload or validation, one at a time and never on a request
 * thread: a burst of edits costs one compile, and validations cannot starve the CPU.
 *
 * <p>A reload asked for while another waits to start shares its result (both would read the same
 * files), but each caller gets a future of its own: one that cancels (a client gone) must not cancel
 * the others. Validations are bounded: past a few waiting, more are refused.
 */
final class ReloadQueue {

    private final Supplier<RulesReloader.Result> reload;
    private final Supplier<RulesReloader.Result> refused;
    private final int maxPendingValidations;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rules-reload");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger pendingValidations = new AtomicInteger();
    private CompletableFuture<RulesReloader.Result> queued; // guarded by this: a reload asked for and not yet started

    /**
     * @param reload   what a reload does; runs on the queue's thread
     * @param refused  the result of a reload asked for while the queue is stopping
     */
    ReloadQueue(Supplier<RulesReloader.Result> reload, Supplier<RulesReloader.Result> refused, int maxPendingValidations) {
        this.reload = reload;
        this.refused = refused;
        this.maxPendingValidations = maxPendingValidations;
    }

    /** A reload, run after what is queued, or the one already waiting to start. */
    synchronized CompletableFuture<RulesReloader.Result> requestReload() {
        if (queued != null) {
            return queued.copy(); // each caller its own: one that cancels must not cancel the others
        }
        CompletableFuture<RulesReloader.Result> future = new CompletableFuture<>();
        queued = future;
        try {
            worker.execute(() -> {
                synchronized (this) {
                    if (queued == future) {
                        queued = null;
                    }
                }
                future.complete(reload.get());
            });
        } catch (RejectedExecutionException e) {
            queued = null;
            future.complete(refused.get());
        }
        return future.copy();
    }

    /**
     * Runs {@code work} (a validation) after what is queued.
     *
     * @param refused what it answers when the queue is stopping
     * @return empty when too many validations are waiting already
     */
    <T> Optional<CompletableFuture<T>> validation(Supplier<T> work, Supplier<T> refused) {
        if (pendingValidations.incrementAndGet() > maxPendingValidations) {
            pendingValidations.decrementAndGet();
            return Optional.empty();
        }
        try {
            return Optional.of(CompletableFuture.supplyAsync(() -> {
                try {
                    return work.get();
                } finally {
                    pendingValidations.decrementAndGet();
                }
            }, worker));
        } catch (RejectedExecutionException e) {
            pendingValidations.decrementAndGet();
            return Optional.of(CompletableFuture.completedFuture(refused.get()));
        }
    }

    /** Runs {@code task} on the queue's thread after {@code delay}; null when the queue is stopping. */
    ScheduledFuture<?> later(Runnable task, Duration delay) {
        try {
            return worker.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    void stop() {
        worker.shutdownNow();
    }

    /** An error saying the service stops, as a refused request's result carries it. */
    static List<RuleError> shuttingDown() {
        return List.of(new RuleError(null, 0, 0, "the service is shutting down"));
    }
}
