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

    /** Entries waiting to be written; past it, async entries are dropped (strict ones refused: 503). */
    @WithDefault("20000")
    int queueCapacity();

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
