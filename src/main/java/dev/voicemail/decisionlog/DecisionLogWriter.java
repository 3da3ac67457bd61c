package dev.voicemail.decisionlog;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.voicemail.clients.Client;
import dev.voicemail.db.Database;
import dev.voicemail.db.DatabaseUnavailableException;
import dev.voicemail.db.NotCheckpointedException;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionRecorder;
import dev.voicemail.decision.DecisionResponse;
import dev.voicemail.outcomes.OutcomeDeriver;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Records every decision: a bounded queue, written in batches by one thread, so that the request
 * thread only builds an id and offers a reference (no JSON, no I/O). When the queue is full, because
 * the database is slow or away, an entry is dropped and counted
 * ({@code voicemail_decision_log_dropped_total}), with a warning at most once a minute; a batch the
 * database refuses for want of a database is tried again until it returns (meanwhile the queue fills,
 * and newer entries are dropped). In strict mode the request waits for its entry's batch to commit,
 * and answers 503 when it cannot.
 */
@ApplicationScoped
public class DecisionLogWriter implements DecisionRecorder {

    private static final Logger LOG = Logger.getLogger(DecisionLogWriter.class);
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Longest a strict decision waits for its record: a little over the database's own 2 s time-outs. */
    private static final Duration STRICT_WAIT = Duration.ofMillis(2500);
    /** Longest a stop waits for the queue to be written: within an orchestrator's usual 30 s grace period. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final DecisionLogConfig config;
    private final DecisionLogRepository repository;
    private final Database db;
    private final OutcomeDeriver deriver;
    private final BlockingQueue<PendingEntry> queue;
    private final Counter dropped;
    private final Counter written;
    private final AtomicLong lastDropLog = new AtomicLong(System.nanoTime() - DROP_LOG_INTERVAL_NANOS);
    private final AtomicLong droppedSinceLog = new AtomicLong();
    /** Entries offered and entries finished (written or given up), to wait for what was queued before a point. */
    private final AtomicLong offered = new AtomicLong();
    /** The weight of the entries in the queue (see {@link #weight}), bounded by queue-max-attempts. */
    private final AtomicLong queuedWeight = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private volatile Thread thread;
    private volatile boolean stopping;
    /** Set by the writer once it takes no more entries from the queue: what is offered after that is dropped and counted. */
    private volatile boolean closed;

    public DecisionLogWriter(DecisionLogConfig config, DecisionLogRepository repository, Database db, OutcomeDeriver deriver,
                             MeterRegistry registry) {
        this.config = config;
        this.repository = repository;
        this.db = db;
        this.deriver = deriver;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.queueCapacity()));
        this.dropped = Counter.builder("voicemail.decision.log.dropped")
                .description("Decisions not recorded in the decision log: its queue was full (the database slow or away) or the database refused them")
                .register(registry);
        this.written = Counter.builder("voicemail.decision.log.written")
                .description("Decisions written to the decision log").register(registry);
        Gauge.builder("voicemail.decision.log.queued", queue, BlockingQueue::size)
                .description("Decisions waiting to be written to the decision log").register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (config.mode() == DecisionLogConfig.Mode.OFF) {
            LOG.info("The decision log is off (voicemail.decision-log.mode=off)");
            return;
        }
        try {
            PartitionDays today = PartitionDays.today();
            repository.ensurePartitions(today.first(), today.last());
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Cannot create the decision log's partitions now (%s); the writer creates them when it writes", e.toString());
        }
        Thread t = new Thread(this::run, "decision-log-writer");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Yesterday to two days ahead, in UTC: every day a decision made now (on any replica's clock) falls in. */
    record PartitionDays(java.time.LocalDate first, java.time.LocalDate last) {
        static PartitionDays today() {
            java.time.LocalDate d = DecisionLogRepository.day(Instant.now());
            return new PartitionDays(d.minusDays(1), d.plusDays(2));
        }
    }

    @Override
    public String record(Client client, DecisionInput in, DecisionResponse answer) {
        var id = DecisionIds.next();
        switch (config.mode()) {
            case OFF:
                return id.toString();
            case STRICT:
                recordStrictly(entry(id, client, in, answer, new CompletableFuture<>()));
                return id.toString();
            default:
                PendingEntry entry = entry(id, client, in, answer, null);
                if (enqueue(entry)) {
                    offered.incrementAndGet();
                    if (withdrawnAfterClose(entry)) {
                        drop(1, "the service stopped before it was written");
                    }
                } else {
                    drop(1, "its queue is full (" + config.queueCapacity() + " entries or " + config.queueMaxAttempts()
                            + " attempts): the database is slow or away");
                }
                return id.toString();
        }
    }

    /** The entry of a decision, with the client's version that decided it (the log's basis for impact). */
    private static PendingEntry entry(java.util.UUID id, Client client, DecisionInput in, DecisionResponse answer,
                                      CompletableFuture<Void> written) {
        return new PendingEntry(id, DecisionIds.timeOf(id), client.agency(), client.version(), client.updatedAt(), in, answer,
                written);
    }

    @Override
    public boolean blocks() {
        return config.mode() == DecisionLogConfig.Mode.STRICT;
    }

    /** What an entry weighs against queue-max-attempts: its history, and one for the rest of it. */
    private static long weight(PendingEntry e) {
        return 1L + e.input().attempts().size();
    }

    /** Queues the entry unless the queue is full by count or by weight. */
    private boolean enqueue(PendingEntry e) {
        long w = weight(e);
        if (queuedWeight.addAndGet(w) > config.queueMaxAttempts()) {
            queuedWeight.addAndGet(-w);
            return false;
        }
        if (!queue.offer(e)) {
            queuedWeight.addAndGet(-w);
            return false;
        }
        return true;
    }

    /**
     * True when the service is stopping and the writer has taken its last entries: then the entry just
     * queued is taken back (it would never be written) and counted as finished.
     */
    private boolean withdrawnAfterClose(PendingEntry entry) {
        if (!closed || !queue.remove(entry)) {
            return false;
        }
        queuedWeight.addAndGet(-weight(entry));
        finished.incrementAndGet();
        return true;
    }

    /** Entries taken off the queue no longer count against its weight. */
    private void taken(List<PendingEntry> entries) {
        long w = 0;
        for (PendingEntry e : entries) {
            w += weight(e);
        }
        queuedWeight.addAndGet(-w);
    }

    private void recordStrictly(PendingEntry entry) {
        if (!enqueue(entry)) {
            throw new DatabaseUnavailableException("the decision log's queue is full", null);
        }
        offered.incrementAndGet();
        if (withdrawnAfterClose(entry)) {
            throw new DatabaseUnavailableException("the service is stopping", null);
        }
        try {
            entry.written().get(STRICT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("interrupted while recording the decision", e);
        } catch (ExecutionException | TimeoutException e) {
            // the entry may still be written later; the caller is told it is not on record now
            throw new DatabaseUnavailableException("cannot record the decision", e);
        }
    }

    private void drop(int n, String why) {
        dropped.increment(n);
        long count = droppedSinceLog.addAndGet(n);
        long last = lastDropLog.get();
        long now = System.nanoTime();
        if (now - last >= DROP_LOG_INTERVAL_NANOS && lastDropLog.compareAndSet(last, now)) {
            droppedSinceLog.addAndGet(-count);
            LOG.warnf("The decision log dropped %d decisions since the last warning: %s (counted in"
                    + " voicemail_decision_log_dropped_total)", count, why);
        }
    }

    private void run() {
        List<PendingEntry> batch = new ArrayList<>(config.batchSize());
        while (!stopping) {
            try {
                // never interrupted: an interrupt inside H2's file I/O closes the database (DecisionLogGracefulStopIT),
                // so the writer looks at the stop every 100 ms instead
                PendingEntry first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.batchSize() - 1);
                taken(batch);
                write(batch);
            } catch (InterruptedException e) {
                // nothing here interrupts this thread (stop() does not); an interrupt from elsewhere is not a stop
            } catch (RuntimeException e) {
                LOG.error("The decision log writer failed; going on", e);
            } finally {
                batch.clear();
            }
        }
        // stopping: what is queued now is written, in batches, if the database answers (write() does not wait for
        // one that is away while stopping); what a request offers after this is dropped and counted (record())
        closed = true;
        List<PendingEntry> rest = new ArrayList<>(config.batchSize());
        while (queue.drainTo(rest, config.batchSize()) > 0) {
            taken(rest);
            try {
                write(rest); // while stopping, it neither waits for a database that is away nor tries twice
            } catch (InterruptedException | RuntimeException e) {
                LOG.error("The decision log writer failed while stopping", e);
                drop(rest.size(), "the service stopped before they were written");
                finished(rest, e);
            }
            rest.clear();
        }
    }

    /** Writes one batch; while the database is away, tries again every half second (async entries only). */
    private void write(List<PendingEntry> batch) throws InterruptedException {
        long backoff = 500;
        while (true) {
            try {
                repository.insert(batch);
                written.increment(batch.size());
                finished(batch, null);
                derive(batch);
                return;
            } catch (NotCheckpointedException e) {
                // the batch is committed, though maybe not in the file yet: its strict decisions are answered 503
                // all the same (not acknowledged), the rest is written, and none is written again
                written.increment(batch.size());
                List<PendingEntry> strict = batch.stream().filter(p -> p.written() != null).toList();
                finished(strict, e);
                finished(batch.stream().filter(p -> p.written() == null).toList(), null);
                derive(batch);
                return;
            } catch (SQLException | RuntimeException e) {
                RuntimeException failure = db.failure("cannot write the decision log", e);
                List<PendingEntry> strict = batch.stream().filter(p -> p.written() != null).toList();
                if (!strict.isEmpty()) {
                    if (!(failure instanceof DatabaseUnavailableException)) {
                        // an outage is counted where it is detected; anything else would leave 503s without a reason
                        LOG.errorf(e, "The decision log could not record %d strict decisions; they are answered 503", strict.size());
                    }
                    // their callers answered 503 or are about to: never written late
                    finished(strict, failure);
                    batch = new ArrayList<>(batch.stream().filter(p -> p.written() == null).toList());
                    if (batch.isEmpty()) {
                        return;
                    }
                }
                if (!(failure instanceof DatabaseUnavailableException) || stopping) {
                    LOG.errorf(e, "The decision log refused %d entries; they are dropped", batch.size());
                    drop(batch.size(), "the database refused them: " + e.getMessage());
                    finished(batch, failure);
                    return;
                }
                LOG.debugf("The decision log waits for the database: %s", e);
                Thread.sleep(backoff);
            }
        }
    }

    /** The written requests' histories go on to the outcomes they show (on the deriver's own thread). */
    private void derive(List<PendingEntry> batch) {
        try {
            for (PendingEntry p : batch) {
                deriver.logged(p.agency(), p.input());
            }
        } catch (RuntimeException e) {
            LOG.warnf("The outcomes of logged decisions were not derived: %s", e.toString()); // the entries are written
        }
    }

    private void finished(List<PendingEntry> entries, Throwable failure) {
        for (PendingEntry p : entries) {
            if (p.written() != null) {
                if (failure == null) {
                    p.written().complete(null);
                } else {
                    p.written().completeExceptionally(failure);
                }
            }
        }
        finished.addAndGet(entries.size());
    }

    /**
     * Waits until every entry queued before this call has been written or given up (e.g. before an
     * erasure, so that a decision still in the queue is not written after it); false on time-out.
     */
    boolean awaitQueued(Duration timeout) throws InterruptedException {
        long target = offered.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (finished.get() < target) {
            if (System.nanoTime() > deadline || thread == null) {
                return thread == null;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /**
     * Stops the writer once it has written what is queued: on the shutdown event, before the datasource
     * closes, and without interrupting it (see {@link #run}). The queue's bounds keep this short: at the
     * writer's measured rates a full queue (10,000 short entries, or 1,000 of 500 attempts) takes under a
     * second on the benchmark's machine (bench/NOTES.md); {@link #STOP_WAIT} bounds it when the database is slow.
     */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(STOP_WAIT.toMillis());
                if (t.isAlive()) {
                    LOG.warnf("The decision log writer did not finish within %s; %d queued decisions are not written",
                            STOP_WAIT, queue.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
