package dev.voicemail.decisionlog;

import java.sql.SQLException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.voicemail.outcomes.OutcomeRepository;

import io.quarkus.scheduler.Scheduled;

/**
 * Every hour: creates the coming days' partitions (PostgreSQL) and enforces the retention
 * ({@code voicemail.decision-log.retention}): older days' partitions are dropped, older rows deleted,
 * and outcomes recorded before the same cutoff.
 * Several replicas may run it at once: every step is idempotent.
 */
@ApplicationScoped
public class DecisionLogMaintenance {

    private static final Logger LOG = Logger.getLogger(DecisionLogMaintenance.class);

    private final DecisionLogConfig config;
    private final DecisionLogRepository repository;
    private final OutcomeRepository outcomes;

    public DecisionLogMaintenance(DecisionLogConfig config, DecisionLogRepository repository, OutcomeRepository outcomes) {
        this.config = config;
        this.repository = repository;
        this.outcomes = outcomes;
    }

    @Scheduled(every = "1h", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        try {
            run(Instant.now());
        } catch (RuntimeException | SQLException e) {
            LOG.warnf("Decision log maintenance failed (%s); it runs again in an hour", e.toString());
        }
    }

    /** Partitions ahead of {@code now}, and entries older than the retention before {@code now} removed. */
    public Purged run(Instant now) throws SQLException {
        java.time.LocalDate today = DecisionLogRepository.day(now);
        repository.ensurePartitions(today.minusDays(1), today.plusDays(2));
        Instant cutoff = now.minus(config.retention());
        long[] purged = repository.purge(cutoff);
        int outcomesDeleted = outcomes.purge(cutoff);
        if (purged[0] > 0 || purged[1] > 0 || outcomesDeleted > 0) {
            LOG.infof("Decision log retention (%s): dropped %d day partitions, deleted %d entries and %d outcomes before %s",
                    config.retention(), purged[0], purged[1], outcomesDeleted, cutoff);
        }
        return new Purged(cutoff, purged[0], purged[1], outcomesDeleted);
    }

    public record Purged(Instant cutoff, long partitionsDropped, long rowsDeleted, long outcomesDeleted) {
    }
}
