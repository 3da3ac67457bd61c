package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One compile at a time on one thread: reloads asked together share one run, validations are bounded. */
class ReloadQueueTest {

    private final AtomicInteger reloads = new AtomicInteger();
    private final CountDownLatch hold = new CountDownLatch(1);
    private final ReloadQueue queue = new ReloadQueue(
            () -> new RulesReloader.Result(true, true, null, List.of(new RuleError(null, 0, 0, "reload " + reloads.incrementAndGet()))),
            () -> new RulesReloader.Result(false, false, null, ReloadQueue.shuttingDown()), 3);

    @AfterEach
    void stop() {
        hold.countDown();
        queue.stop();
    }

    /** Keeps the queue's thread busy until {@link #hold} is released. */
    private CompletableFuture<String> occupy() {
        return queue.validation(() -> {
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "held";
        }, () -> "refused").orElseThrow();
    }

    private static String said(RulesReloader.Result result) {
        return result.errors().get(0).message();
    }

    @Test
    void reloadsAskedWhileOneWaitsRunOnceAndACallerThatCancelsCancelsOnlyItsOwn() throws Exception {
        CompletableFuture<String> busy = occupy();
        CompletableFuture<RulesReloader.Result> first = queue.requestReload();
        CompletableFuture<RulesReloader.Result> second = queue.requestReload();
        CompletableFuture<RulesReloader.Result> third = queue.requestReload();
        first.cancel(false);
        hold.countDown();
        assertEquals("held", busy.get(10, TimeUnit.SECONDS));
        assertEquals("reload 1", said(second.get(10, TimeUnit.SECONDS)));
        assertEquals("reload 1", said(third.get(10, TimeUnit.SECONDS)));
        assertTrue(first.isCancelled());
        assertEquals(1, reloads.get());

        // once it has started, a new request is a new reload: the files may have changed since
        assertEquals("reload 2", said(queue.requestReload().get(10, TimeUnit.SECONDS)));
    }

    @Test
    void validationsPastTheBoundAreRefusedUntilSomeFinish() throws Exception {
        List<CompletableFuture<String>> accepted = new ArrayList<>();
        accepted.add(occupy());
        accepted.add(queue.validation(() -> "second", () -> "refused").orElseThrow());
        accepted.add(queue.validation(() -> "third", () -> "refused").orElseThrow());
        assertTrue(queue.validation(() -> "fourth", () -> "refused").isEmpty(), "three are waiting or running already");
        hold.countDown();
        List<String> done = new ArrayList<>();
        for (CompletableFuture<String> f : accepted) {
            done.add(f.get(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of("held", "second", "third"), done);
        CompletableFuture<String> later = queue.validation(() -> "later", () -> "refused").orElseThrow();
        assertNotNull(later);
        assertEquals("later", later.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aStoppedQueueAnswersAtOnceThatTheServiceIsShuttingDown() throws Exception {
        queue.stop();
        RulesReloader.Result result = queue.requestReload().get(1, TimeUnit.SECONDS);
        assertFalse(result.loaded());
        assertEquals("the service is shutting down", said(result));
        assertEquals("refused", queue.validation(() -> "ran", () -> "refused").orElseThrow().get(1, TimeUnit.SECONDS));
        assertNull(queue.later(() -> { }, Duration.ofMillis(1)));
        assertEquals(0, reloads.get());
    }
}
