package dev.voicemail.decision;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Maps items read one at a time from a source (a request body being parsed) on the reading thread
 * plus a few helpers, and returns the results in source order. The reader queues each item for the
 * helpers as soon as it is read; when the queue is full (the helpers are behind) it maps the item
 * itself, so every core works and at most {@code queue} items wait in memory.
 */
final class OrderedFanOut {

    /** Yields the next item, or null at the end. */
    interface Source<T> {
        T next() throws IOException;
    }

    private static final int PAGE = 1024;
    private static final Task<?> STOP = new Task<>(null, 0, null, null, null);

    private OrderedFanOut() {
    }

    /**
     * Maps every item of {@code source}. A failure of the source (malformed input) stops the work
     * and is thrown once the helpers have stopped; so is the first exception a mapping threw.
     */
    static <T> List<Object> map(Source<T> source, Function<T, Object> f, Executor pool, int helpers, int queue)
            throws IOException {
        BlockingQueue<Task<?>> tasks = new ArrayBlockingQueue<>(Math.max(queue, helpers));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Helper> started = new ArrayList<>(helpers);
        for (int i = 0; i < helpers; i++) {
            Helper h = new Helper(tasks);
            try {
                pool.execute(h);
                started.add(h);
            } catch (RejectedExecutionException e) {
                break; // a saturated pool: this thread does the work alone
            }
        }
        List<Object[]> pages = new ArrayList<>();
        int count = 0;
        boolean complete = false;
        try {
            T item;
            while ((item = source.next()) != null) {
                if (count % PAGE == 0) {
                    pages.add(new Object[PAGE]);
                }
                Task<T> task = new Task<>(item, count % PAGE, pages.get(pages.size() - 1), f, failure);
                count++;
                if (!tasks.offer(task)) {
                    task.run();
                }
            }
            Task<?> task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
            complete = true;
        } finally {
            if (!complete) {
                tasks.clear();
            }
            stop(started, tasks);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        List<Object> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(pages.get(i / PAGE)[i % PAGE]);
        }
        return results;
    }

    /** Stops the helpers and waits for those that started to finish the item in hand. */
    private static void stop(List<Helper> helpers, BlockingQueue<Task<?>> tasks) {
        for (Helper h : helpers) {
            if (h.claimed.compareAndSet(false, true)) {
                h.done.countDown(); // never started (the pool was busy): it will not start now
            } else {
                tasks.offer(STOP); // the queue holds no items any more: there is room
            }
        }
        boolean interrupted = false;
        for (Helper h : helpers) {
            while (true) {
                try {
                    h.done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the helper finishes its item within milliseconds: keep waiting
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Task<T> implements Runnable {
        private final T item;
        private final int index;
        private final Object[] page;
        private final Function<T, Object> f;
        private final AtomicReference<Throwable> failure;

        Task(T item, int index, Object[] page, Function<T, Object> f, AtomicReference<Throwable> failure) {
            this.item = item;
            this.index = index;
            this.page = page;
            this.f = f;
            this.failure = failure;
        }

        @Override
        public void run() {
            try {
                page[index] = f.apply(item);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }
    }

    private static final class Helper implements Runnable {
        private final BlockingQueue<Task<?>> tasks;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);

        Helper(BlockingQueue<Task<?>> tasks) {
            this.tasks = tasks;
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                while (true) {
                    Task<?> task = tasks.take();
                    if (task == STOP) {
                        return;
                    }
                    task.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        }
    }
}
