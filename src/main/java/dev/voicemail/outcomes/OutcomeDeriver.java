package dev.voicemail.outcomes;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.voicemail.api.Digests;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.facts.Direction;
import dev.voicemail.facts.Outcome;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Outcomes derived from the history later decision requests carry: a touch after a logged decision
 * of the same prospect, within the window of its call time, is an outcome of the latest such decision.
 * Runs after the decision log has written a request, on its own thread (never on a decision's path,
 * and never holding up the log's writer). A derived outcome's event id is a digest of the prospect and
 * the touch, so a history re-sent with every later request counts once.
 */
@ApplicationScoped
public class OutcomeDeriver {

    private static final Logger LOG = Logger.getLogger(OutcomeDeriver.class);
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** A touch that is an outcome, and which kind. */
    record Candidate(DecisionInput.Touch touch, OutcomeKind kind) {
    }

    private final OutcomeRepository repository;
    private final Duration window;
    private final ThreadPoolExecutor executor;
    private final Counter skipped;
    private final Counter derived;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);

    public OutcomeDeriver(OutcomeRepository repository, OutcomesConfig config, MeterRegistry registry) {
        this.repository = repository;
        this.window = config.window();
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.deriveQueueCapacity())), r -> {
                    Thread t = new Thread(r, "outcome-deriver");
                    t.setDaemon(true);
                    return t;
                });
        this.skipped = Counter.builder("voicemail.outcomes.derive.skipped")
                .description("Logged decisions whose history was not searched for outcomes: the queue was full or the database failed")
                .register(registry);
        this.derived = Counter.builder("voicemail.outcomes.derived")
                .description("Outcomes derived from the history of later decision requests").register(registry);
    }

    /** The kinds a touch is an outcome of (an inbound call that connected is a call-back and a connect). */
    public static List<OutcomeKind> kinds(DecisionInput.Touch t) {
        if (t.outcome() == Outcome.OPTED_OUT) {
            return List.of(OutcomeKind.OPTED_OUT);
        }
        List<OutcomeKind> kinds = new ArrayList<>(2);
        switch (t.channel()) {
            case CALL -> {
                if (t.direction() == Direction.INBOUND) {
                    kinds.add(OutcomeKind.CALLBACK);
                }
                if (t.outcome() == Outcome.CONNECTED) {
                    kinds.add(OutcomeKind.CONNECT);
                }
            }
            case EMAIL, TEXT -> {
                if (t.outcome() == Outcome.REPLIED || t.direction() == Direction.INBOUND) {
                    kinds.add(OutcomeKind.REPLY);
                }
            }
            case VISIT -> {
                if (t.outcome() == Outcome.PLANNED || t.outcome() == Outcome.DONE) {
                    kinds.add(OutcomeKind.MEETING);
                }
            }
        }
        return kinds;
    }

    /**
     * The touches of a logged request that are outcomes; those later than its call (a visit planned
     * ahead) are not yet: a later request carries them once they are due.
     */
    static List<Candidate> candidates(DecisionInput in) {
        List<Candidate> found = null;
        for (DecisionInput.Touch t : in.attempts()) {
            if (t.at().isAfter(in.callAt())) {
                continue;
            }
            for (OutcomeKind k : kinds(t)) {
                if (found == null) {
                    found = new ArrayList<>();
                }
                found.add(new Candidate(t, k));
            }
        }
        return found == null ? List.of() : found;
    }

    /** The stable key of a derived outcome: the same touch of the same prospect, sent again, is the same outcome. */
    static String eventId(String prospectId, Candidate c) {
        DecisionInput.Touch t = c.touch();
        return "derived-" + Digests.sha256Hex(prospectId + "\n" + t.at() + "\n" + t.channel() + "\n" + t.outcome() + "\n" + c.kind());
    }

    /**
     * Told of a request the decision log has just written (on the log writer's thread): queues the
     * search for its outcomes when its history has any candidate; costs nothing otherwise.
     */
    public void logged(String agency, DecisionInput in) {
        List<Candidate> candidates = candidates(in);
        if (candidates.isEmpty()) {
            return;
        }
        // the queued task holds the ids and the few touches that are outcomes, never the whole
        // request: 20,000 queued requests of 20 attempts kept 50 MB of the 160 MB heap alive
        String clientId = in.clientId();
        String prospectId = in.prospectId();
        try {
            executor.execute(() -> derive(agency, clientId, prospectId, candidates));
        } catch (RejectedExecutionException e) {
            skipped.increment();
        }
    }

    /** Waits until what was queued before this call is derived (before an erasure); false on time-out. */
    public boolean awaitQueued(Duration timeout) throws InterruptedException {
        try {
            executor.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException | TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    void derive(String agency, String clientId, String prospectId, List<Candidate> candidates) {
        try (Connection c = repository.db().lazyConnection()) { // derived: nobody waits for them
            Set<String> known = OutcomeRepository.derivedEvents(c, agency, clientId, prospectId);
            List<Candidate> fresh = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            Instant earliest = null;
            Instant latest = null;
            for (Candidate k : candidates) {
                String id = eventId(prospectId, k);
                if (!known.contains(id)) {
                    fresh.add(k);
                    ids.add(id);
                    Instant at = k.touch().at();
                    earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
                    latest = latest == null || at.isAfter(latest) ? at : latest;
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            List<OutcomeRepository.Decision> decisions = OutcomeRepository.decisions(c, agency, clientId, prospectId,
                    earliest.minus(window), latest);
            Instant now = Instant.now();
            for (int i = 0; i < fresh.size(); i++) {
                Instant at = fresh.get(i).touch().at();
                OutcomeRepository.Decision decision = latestBefore(decisions, at);
                if (decision == null) {
                    continue; // no decision of this prospect came within the window before it: not an outcome of one
                }
                if (OutcomeRepository.insert(c, agency, clientId, prospectId, fresh.get(i).kind(),
                        OutcomeRepository.DERIVED, ids.get(i), at, decision, now)) {
                    derived.increment();
                }
            }
        } catch (SQLException | RuntimeException e) {
            skipped.increment();
            long now = System.nanoTime();
            long last = lastWarning.get();
            if (now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
                // at most once a minute: during an outage every logged request would say it
                LOG.warnf("Outcomes of logged requests are not derived (counted in voicemail_outcomes_derive_skipped_total): %s",
                        e.toString());
            }
        }
    }

    /** The last decision called before {@code at} and within the window of it; decisions are oldest first. */
    private OutcomeRepository.Decision latestBefore(List<OutcomeRepository.Decision> decisions, Instant at) {
        Instant from = at.minus(window);
        OutcomeRepository.Decision found = null;
        for (OutcomeRepository.Decision d : decisions) {
            if (!d.callAt().isBefore(at)) {
                break;
            }
            if (!d.callAt().isBefore(from)) {
                found = d;
            }
        }
        return found;
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
