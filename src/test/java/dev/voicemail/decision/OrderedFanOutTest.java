package dev.voicemail.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The batch's fan-out on its own: order kept, every core used, failures stop it cleanly, never a hang. */
class OrderedFanOutTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(4);

    @AfterAll
    static void shutdown() {
        POOL.shutdownNow();
    }

    @Test
    void keepsSourceOrderWhateverFinishesFirst() throws IOException {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Object> results = OrderedFanOut.map(counting(5_000), i -> {
            threads.add(Thread.currentThread().getName());
            if (ThreadLocalRandom.current().nextInt(50) == 0) {
                sleep(1);
            }
            return "item " + i;
        }, POOL, 3, 8);
        assertEquals(5_000, results.size());
        for (int i = 0; i < results.size(); i++) {
            assertEquals("item " + i, results.get(i));
        }
        assertTrue(threads.size() > 1, "only " + threads + " worked");
    }

    @Test
    void aSourceFailureStopsTheWorkAndIsThrownOnceTheHelpersHaveStopped() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mapped = new AtomicInteger();
        OrderedFanOut.Source<Integer> failing = new OrderedFanOut.Source<>() {
            int i;

            @Override
            public Integer next() throws IOException {
                if (i == 300) {
                    throw new IOException("malformed tail");
                }
                return i++;
            }
        };
        IOException e = assertThrows(IOException.class, () -> OrderedFanOut.map(failing, i -> {
            running.incrementAndGet();
            sleep(1);
            mapped.incrementAndGet();
            running.decrementAndGet();
            return i;
        }, POOL, 3, 64));
        assertEquals("malformed tail", e.getMessage());
        assertEquals(0, running.get(), "a helper still works after the failure was thrown");
        assertTrue(mapped.get() < 300, "queued items were still mapped after the failure: " + mapped.get());
    }

    @Test
    void anExceptionOfTheMappingIsThrown() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> OrderedFanOut.map(counting(1_000), i -> {
            if (i == 500) {
                throw boom;
            }
            return i;
        }, POOL, 3, 16));
        assertSame(boom, thrown);
    }

    @Test
    void worksAloneWhenThePoolRefusesOrNeverRunsTheHelpers() throws IOException {
        assertEquals(expected(100), OrderedFanOut.map(counting(100), i -> i, command -> {
            throw new RejectedExecutionException("saturated");
        }, 3, 8));
        List<Runnable> parked = new ArrayList<>();
        assertEquals(expected(100), OrderedFanOut.map(counting(100), i -> i, parked::add, 3, 8));
        // a helper the pool starts only after the batch ended returns at once
        ExecutorService late = Executors.newSingleThreadExecutor();
        try {
            parked.forEach(late::execute);
            late.shutdown();
            assertTrue(late.awaitTermination(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anEmptySourceGivesNoResults() throws IOException {
        assertEquals(List.of(), OrderedFanOut.map(counting(0), i -> i, POOL, 3, 8));
    }

    private static List<Object> expected(int n) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    private static OrderedFanOut.Source<Integer> counting(int n) {
        int[] next = {0};
        return () -> next[0] < n ? next[0]++ : null;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
