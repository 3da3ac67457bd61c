package dev.voicemail.decisionlog;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code voicemail.decision-log.*} (docs/decision-log.md). */
@ConfigMapping(prefix = "voicemail.decision-log")
public interface DecisionLogConfig {

    enum Mode {
        /** Written off the request path; what cannot be queued is dropped and counted. */
        ASYNC,
        /** Written before answering; 503 database_unavailable when it cannot be. */
        STRICT,
        /** Nothing recorded. */
        OFF
    }

    @WithDefault("async")
    Mode mode();

    /** How long entries are kept; the purge runs every hour. */
    @WithDefault("90d")
    Duration retention();

    /**
     * Entries waiting to be written; past it, async entries are dropped (strict ones refused: 503). A
     * batch of 10,000 fits; each entry holds its answer (a few KB), and the shipped heap is 160 MB.
     */
    @WithDefault("10000")
    int queueCapacity();

    /**
     * Attempts (plus one per entry) that the waiting entries may hold together; past it, as past
     * {@link #queueCapacity()}. An entry's memory grows with its history: 20,000 entries of 1,000
     * attempts would be gigabytes, and the heap the service ships with is 160 MB. A batch of 10,000
     * requests of 20 attempts (210,000) fits.
     */
    @WithDefault("500000")
    int queueMaxAttempts();

    /** Entries per insert batch (one transaction). */
    @WithDefault("500")
    int batchSize();

    /** The most logged decisions one impact request replays. */
    @WithDefault("100000")
    int impactMax();

    /** How long an impact request may replay before it is stopped. */
    @WithDefault("60s")
    Duration impactBudget();
}
